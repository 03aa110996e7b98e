package dev.planbridge.planning.csv;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The import SQL's one parameter: {@code :plan} stands for the plan id wherever a statement needs it (a check or a
 * merge names it several times), and is bound as a JDBC parameter, never spliced into the text.
 */
final class PlanSql {

    private PlanSql() {
    }

    static PreparedStatement prepare(Connection c, UUID planId, String sql) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql.replace(":plan", "?"));
        int parameters = sql.split(":plan", -1).length - 1;
        for (int i = 1; i <= parameters; i++) {
            s.setObject(i, planId);
        }
        return s;
    }

    static void execute(Connection c, UUID planId, String sql) throws SQLException {
        try (PreparedStatement s = prepare(c, planId, sql)) {
            s.executeUpdate();
        }
    }
}
