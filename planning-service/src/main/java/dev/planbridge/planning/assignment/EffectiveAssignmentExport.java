package dev.planbridge.planning.assignment;

import dev.planbridge.planning.csv.ComputedCsvExport;
import dev.planbridge.planning.plan.DesiredStateWriter;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@code GET …/exports/assignments}: every baseline account with the territory the plan puts it in and why
 * (override, rule, or none), evaluated by the {@link AssignmentEngine} as the account is read from a cursor.
 */
@ApplicationScoped
public class EffectiveAssignmentExport implements ComputedCsvExport {

    private final AgroalDataSource dataSource;

    public EffectiveAssignmentExport(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String path() {
        return "assignments";
    }

    @Override
    public List<String> header() {
        return List.of("accountId", "accountName", "territoryKey", "assignedBy");
    }

    @Override
    public void rows(UUID planId, Consumer<List<?>> sink) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            // a cursor (fetch size) needs a transaction of its own; nothing is written, so it is rolled back
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT a.account_id, a.name, a.owner_id, a.billing_country, a.billing_state, a.billing_postal_code,
                           a.industry, a.employees, a.annual_revenue, a.segment, a.parent_id, a.system_modstamp,
                           o.territory_key, o.reason,
                           (SELECT array_agg(e.territory_key) FROM account_exclusion e
                             WHERE e.plan_id = a.plan_id AND e.account_id = a.account_id)
                    FROM plan_account a
                    LEFT JOIN account_override o ON o.plan_id = a.plan_id AND o.account_id = a.account_id
                    WHERE a.plan_id = ? ORDER BY a.account_id""")) {
                AssignmentEngine engine = new AssignmentEngine(PlanAssignmentData.rules(c, planId));
                s.setFetchSize(2000);
                s.setObject(1, planId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        var facts = DesiredStateWriter.accountFacts(rs);
                        java.sql.Array excluded = rs.getArray(15);
                        Assignment a = engine.assign(facts, rs.getString(13), rs.getString(14),
                                excluded == null ? Set.of() : Set.of((String[]) excluded.getArray()));
                        sink.accept(Arrays.asList(facts.id(), facts.name(), a.territoryKey(), a.assignedBy()));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }
}
