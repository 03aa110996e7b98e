package dev.planbridge.planning.csv;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.planning.assignment.OverrideCsv;
import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The import's merge against statistics that call the overrides table empty (a new database, or one analysed before its
 * first big import): on its own PostgreSQL plans the INSERT ... WHERE NOT EXISTS as a nested loop that rescans what the
 * statement already inserted (quadratic: minutes for 100k rows); with the merge's setting it hashes instead.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
class LargeMergeJoinTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldHashTheLargeMergeWhateverTheStatisticsOfTheTargetSay() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // A temporary account_override shadows the real one for this transaction: same columns and key, and
                // freshly analysed while empty.
                s.execute("CREATE TEMP TABLE account_override (LIKE public.account_override INCLUDING ALL) ON COMMIT DROP");
                s.execute("ANALYZE pg_temp.account_override");
                s.execute("CREATE TEMP TABLE stage (row_no bigint, account_id text, territory_key text, reason text)"
                        + " ON COMMIT DROP");
                s.execute("INSERT INTO stage SELECT g, '001MERGE' || g, 'T1', 'reason' FROM generate_series(1, 5000) g");
                s.execute("ANALYZE stage");
                UUID plan = UUID.randomUUID();

                String onItsOwn = explain(c, plan, OverrideCsv.INSERT);
                assertTrue(onItsOwn.contains("Nested Loop"), "the trap this guards against: " + onItsOwn);

                assertTrue(JoinGuard.hashJoinsOnly(5000));
                assertFalse(JoinGuard.hashJoinsOnly(10), "a few rows keep their index lookups");
                s.execute(JoinGuard.HASH_JOINS_ONLY);
                for (String sql : new String[] {OverrideCsv.INSERT, OverrideCsv.UPDATE}) {
                    String planned = explain(c, plan, sql);
                    assertFalse(planned.contains("Nested Loop"), planned);
                }
                s.execute(JoinGuard.JOINS_AS_CONFIGURED);
                assertTrue(explain(c, plan, OverrideCsv.INSERT).contains("Nested Loop"),
                        "the setting ends with the merge: later statements plan as configured");
            } finally {
                c.rollback();
            }
        }
    }

    private static String explain(Connection c, UUID plan, String sql) throws SQLException {
        String parameterised = sql.replace(":plan", "?");
        try (PreparedStatement s = c.prepareStatement("EXPLAIN (COSTS OFF) " + parameterised)) {
            for (int i = 1; i <= parameterised.chars().filter(ch -> ch == '?').count(); i++) {
                s.setObject(i, plan);
            }
            StringBuilder text = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    text.append(rs.getString(1)).append('\n');
                }
            }
            return text.toString();
        }
    }
}
