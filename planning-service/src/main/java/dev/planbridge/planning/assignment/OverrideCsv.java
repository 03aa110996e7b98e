package dev.planbridge.planning.assignment;

import dev.planbridge.planning.csv.BulkLoad;
import dev.planbridge.planning.csv.Cells;
import dev.planbridge.planning.csv.CsvImport;
import dev.planbridge.planning.csv.CsvKind;
import dev.planbridge.planning.csv.CsvUpload;
import dev.planbridge.planning.csv.RowErrors;
import dev.planbridge.planning.plan.PlanChanged;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code overrides} CSV: {@code accountId,territoryKey,reason}, one override per account, 100k rows at a time. A
 * plan's first file goes straight into {@code account_override}; later ones (or a first file with a problem) are
 * staged, checked set-based and merged ({@link BulkLoad}). The balancer's state takes the result incrementally.
 */
@ApplicationScoped
public class OverrideCsv implements CsvKind {

    static final String TABLE = "account_override";

    /** An override into a territory the account is excluded from cannot be. */
    static final String CLASHES = """
                SELECT s.row_no, 'territoryKey', 'account ' || s.account_id || ' is excluded from ' || s.territory_key
                  FROM stage s JOIN account_exclusion e
                    ON e.plan_id = :plan AND e.account_id = s.account_id AND e.territory_key = s.territory_key""";

    /** The Java pass only notices that an account repeats; this names each repeat and its first row. */
    static final String REPEATS = """
                SELECT row_no, 'accountId', 'account ' || account_id || ' already overridden on row ' || first_row
                  FROM (SELECT row_no, account_id, min(row_no) OVER (PARTITION BY account_id) AS first_row
                          FROM stage WHERE account_id IS NOT NULL) d
                 WHERE row_no <> first_row
                UNION ALL
                """;

    public static final String UPDATE = """
            UPDATE account_override o SET territory_key = s.territory_key, reason = s.reason FROM stage s
             WHERE o.plan_id = :plan AND o.account_id = s.account_id
               AND (o.territory_key, o.reason) IS DISTINCT FROM (s.territory_key, s.reason)""";
    public static final String INSERT = """
            INSERT INTO account_override (plan_id, account_id, territory_key, reason)
            SELECT :plan, account_id, territory_key, reason FROM stage s
             WHERE NOT EXISTS (SELECT 1 FROM account_override o WHERE o.plan_id = :plan AND o.account_id = s.account_id)""";

    @Override
    public String path() {
        return "overrides";
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("accountId", "territoryKey", "reason");
    }

    @Override
    public Set<String> optionalColumns() {
        return Set.of();
    }

    @Override
    public Imported importFile(CsvImport file) throws SQLException {
        BulkLoad bulk = file.bulk();
        int expectedRows = PlacementCsv.expectedRows(file.bytes());
        if (!bulk.planHasRows(TABLE)) {
            Placements first = new Placements(expectedRows);
            long rows = bulk.loadStraight(TABLE, PlacementCsv.COLUMNS,
                    PlacementCsv.ACCOUNT_AND_TERRITORY_CHECKS + CLASHES, first::straight);
            if (rows >= 0) {
                return new Imported(rows, new PlanChanged.Overrides(first.byAccount));
            }
        }
        Placements staged = new Placements(expectedRows);
        RowErrors errors = file.errors();
        long rows = bulk.stage(PlacementCsv.STAGE_COLUMNS, row -> staged.staged(row, errors));
        bulk.check(PlacementCsv.ACCOUNT_AND_TERRITORY_CHECKS + (staged.repeats ? REPEATS : "") + CLASHES);
        bulk.merge(rows, UPDATE, INSERT);
        return new Imported(rows, new PlanChanged.Overrides(staged.byAccount));
    }

    @Override
    public String exportQuery() {
        return "SELECT account_id AS \"accountId\", territory_key AS \"territoryKey\", reason FROM account_override "
                + "WHERE plan_id = ? ORDER BY account_id";
    }

    /** The file's overrides by account as they are read, for the balancer's incremental update after commit. */
    static final class Placements {
        final Map<String, PlanChanged.Placement> byAccount;
        boolean repeats;

        Placements(int expectedRows) {
            byAccount = new HashMap<>(expectedRows);
        }

        /** The cells of a row that may go straight into the table: none empty, the account not seen before. */
        String[] straight(CsvUpload.Row row) {
            String account = row.get("accountId");
            String territory = row.get("territoryKey");
            String reason = row.get("reason");
            boolean clean = account != null && territory != null && reason != null
                    && byAccount.putIfAbsent(account, new PlanChanged.Placement(territory, reason)) == null;
            return clean ? new String[] {account, territory, reason} : null;
        }

        /** Any row's cells for the stage; an empty cell is an error, a repeated account noted for the checks. */
        String[] staged(CsvUpload.Row row, RowErrors errors) {
            String account = Cells.required(row, "accountId", errors);
            String territory = Cells.required(row, "territoryKey", errors);
            String reason = Cells.required(row, "reason", errors);
            if (account != null && byAccount.put(account, new PlanChanged.Placement(territory, reason)) != null) {
                repeats = true;
            }
            return new String[] {account, territory, reason};
        }
    }
}
