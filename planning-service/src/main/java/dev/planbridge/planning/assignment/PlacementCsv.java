package dev.planbridge.planning.assignment;

/**
 * What the two account placement kinds ({@link OverrideCsv}, {@link ExclusionCsv}) share: their columns and the
 * set-based reference checks over a {@code stage (row_no, account_id, territory_key, reason)} (see
 * {@link dev.planbridge.planning.csv.BulkLoad}).
 */
final class PlacementCsv {

    /** The placement tables' columns after {@code plan_id}, in the order of the CSV's cells. */
    static final String COLUMNS = "account_id, territory_key, reason";
    static final String STAGE_COLUMNS = "account_id text, territory_key text, reason text";

    /** Staged rows whose account is not in the plan's baseline or whose territory is unknown (then UNION ALL more). */
    static final String ACCOUNT_AND_TERRITORY_CHECKS = """
                SELECT row_no, 'accountId', 'account ' || account_id || ' is not in the plan''s baseline' FROM stage s
                 WHERE account_id IS NOT NULL AND NOT EXISTS
                       (SELECT 1 FROM plan_account a WHERE a.plan_id = :plan AND a.account_id = s.account_id)
                UNION ALL
                SELECT row_no, 'territoryKey', 'unknown territory ''' || territory_key || '''' FROM stage s
                 WHERE territory_key IS NOT NULL AND NOT EXISTS
                       (SELECT 1 FROM territory t WHERE t.plan_id = :plan AND t.key = s.territory_key)
                UNION ALL
                """;

    /** ~30 bytes per row: sized so a map of the file's rows does not rehash on the way to 100k rows. */
    static int expectedRows(int bytes) {
        return Math.max(16, bytes / 15);
    }

    private PlacementCsv() {
    }
}
