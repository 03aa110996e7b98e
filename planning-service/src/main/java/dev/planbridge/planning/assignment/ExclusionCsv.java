package dev.planbridge.planning.assignment;

import dev.planbridge.planning.csv.BulkLoad;
import dev.planbridge.planning.csv.Cells;
import dev.planbridge.planning.csv.CsvImport;
import dev.planbridge.planning.csv.CsvKind;
import dev.planbridge.planning.csv.CsvUpload;
import dev.planbridge.planning.csv.RowErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code exclusions} CSV: {@code accountId,territoryKey[,reason]}, an account kept out of a territory, 100k rows
 * at a time. A plan's first file goes straight into {@code account_exclusion}; later ones (or a first file with a
 * problem) are staged, checked set-based and merged ({@link BulkLoad}).
 */
@ApplicationScoped
public class ExclusionCsv implements CsvKind {

    static final String TABLE = "account_exclusion";

    /** An exclusion from the territory the account is overridden into cannot be. */
    static final String CLASHES = """
                SELECT s.row_no, 'territoryKey', 'account ' || s.account_id || ' is overridden into ' || s.territory_key
                  FROM stage s JOIN account_override o
                    ON o.plan_id = :plan AND o.account_id = s.account_id AND o.territory_key = s.territory_key""";

    static final String REPEATS = """
                SELECT row_no, 'territoryKey', 'duplicate exclusion in this file (also on row ' || first_row || ')'
                  FROM (SELECT row_no, min(row_no) OVER (PARTITION BY account_id, territory_key) AS first_row
                          FROM stage WHERE account_id IS NOT NULL AND territory_key IS NOT NULL) d
                 WHERE row_no <> first_row
                UNION ALL
                """;

    static final String UPDATE = """
                UPDATE account_exclusion e SET reason = s.reason FROM stage s
                 WHERE e.plan_id = :plan AND e.account_id = s.account_id AND e.territory_key = s.territory_key
                   AND e.reason IS DISTINCT FROM s.reason""";
    static final String INSERT = """
                INSERT INTO account_exclusion (plan_id, account_id, territory_key, reason)
                SELECT :plan, account_id, territory_key, reason FROM stage s
                 WHERE NOT EXISTS (SELECT 1 FROM account_exclusion e WHERE e.plan_id = :plan
                                      AND e.account_id = s.account_id AND e.territory_key = s.territory_key)""";

    @Override
    public String path() {
        return "exclusions";
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("accountId", "territoryKey");
    }

    @Override
    public Set<String> optionalColumns() {
        return Set.of("reason");
    }

    @Override
    public Imported importFile(CsvImport file) throws SQLException {
        BulkLoad bulk = file.bulk();
        if (!bulk.planHasRows(TABLE)) {
            Pairs first = new Pairs(PlacementCsv.expectedRows(file.bytes()));
            long rows = bulk.loadStraight(TABLE, PlacementCsv.COLUMNS,
                    PlacementCsv.ACCOUNT_AND_TERRITORY_CHECKS + CLASHES, first::straight);
            if (rows >= 0) {
                return Imported.rebuild(rows);
            }
        }
        RowErrors errors = file.errors();
        long rows = bulk.stage(PlacementCsv.STAGE_COLUMNS, row -> staged(row, errors));
        bulk.check(PlacementCsv.ACCOUNT_AND_TERRITORY_CHECKS + REPEATS + CLASHES);
        bulk.merge(rows, UPDATE, INSERT);
        return Imported.rebuild(rows);
    }

    @Override
    public String exportQuery() {
        return "SELECT account_id AS \"accountId\", territory_key AS \"territoryKey\", reason FROM account_exclusion "
                + "WHERE plan_id = ? ORDER BY account_id, territory_key";
    }

    /** Any row's cells for the stage; an empty account or territory is an error (the reason may be empty). */
    static String[] staged(CsvUpload.Row row, RowErrors errors) {
        String account = Cells.required(row, "accountId", errors);
        String territory = Cells.required(row, "territoryKey", errors);
        return new String[] {account, territory, row.get("reason")};
    }

    /** The (account, territory) pairs of a first file as they are read. */
    static final class Pairs {
        private final Set<String> seen;

        Pairs(int expectedRows) {
            seen = new HashSet<>(expectedRows);
        }

        /** The cells of a row that may go straight into the table: account and territory given, the pair new. */
        String[] straight(CsvUpload.Row row) {
            String account = row.get("accountId");
            String territory = row.get("territoryKey");
            boolean clean = account != null && territory != null && seen.add(account + '\t' + territory);
            return clean ? new String[] {account, territory, row.get("reason")} : null;
        }
    }
}
