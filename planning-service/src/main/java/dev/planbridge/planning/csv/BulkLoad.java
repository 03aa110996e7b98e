package dev.planbridge.planning.csv;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Function;

/**
 * The streaming write path of the kinds that come 100k rows at a time (overrides, exclusions). A plan's first file
 * of a kind goes {@link #loadStraight straight into its table}. Otherwise, or when that first file has a problem,
 * each row is written into a COPY to a temporary table {@code stage} (row number first) as soon as it is parsed
 * ({@link #stage}), so PostgreSQL loads while the parser reads on; cell errors are collected on the way. Every
 * reference is then {@link #check checked} with one query whose answer names row, column and reason, and the
 * {@link #merge} is an UPDATE of the rows that differ and an INSERT of the new ones. The plan's row lock (PlanGuard)
 * keeps other writers out of the plan meanwhile, so no ON CONFLICT speculation is needed.
 *
 * <p>Checks are SQL over a relation {@code stage (row_no, <columns>)} answering {@code (row_no, column, reason)} per
 * bad reference; merges and checks write {@code :plan} for the plan id.
 */
public final class BulkLoad {

    private final Connection c;
    private final UUID planId;
    private final String file;
    private final byte[] data;
    private final CsvKind kind;
    private final RowErrors errors;
    private final PhaseClock clock;

    BulkLoad(Connection c, UUID planId, String file, byte[] data, CsvKind kind, RowErrors errors, PhaseClock clock) {
        this.c = c;
        this.planId = planId;
        this.file = file;
        this.data = data;
        this.kind = kind;
        this.errors = errors;
        this.clock = clock;
    }

    /** Whether {@code table} (a constant of the calling kind, never user input) holds any of the plan's rows. */
    public boolean planHasRows(String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE plan_id = ?)")) {
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * A plan's first file of a kind goes straight into its table: one COPY while the file is parsed, no stage and no
     * second write, then {@code checks} run over the loaded rows. That is the bulk of a new plan's data (100k
     * rows), written once, as psql's \copy would. Anything the checks would name — or a row {@code cells} refuses
     * (an empty cell, a repeat: it answers null) — rolls back to a savepoint taken before the COPY and answers -1:
     * the caller then runs the staged path, which names every bad row, so a bad file costs a second parse and
     * nothing else.
     *
     * @param columns the table's columns after {@code plan_id}, in the order of the cells
     * @param checks  the staged path's reference checks; here {@code stage} is the loaded rows, all numbered 0
     * @param cells   a clean row's cells, or null when the row needs the staged path to be named
     * @return the rows loaded, or -1 when nothing was kept and the staged path must run
     */
    public long loadStraight(String table, String columns, String checks, Function<CsvUpload.Row, String[]> cells)
            throws SQLException {
        String plan = planId.toString();
        boolean[] clean = {true};
        // SQL savepoints: the pool refuses JDBC's rollback(Savepoint) on a connection enlisted in the JTA transaction
        try (Statement s = c.createStatement()) {
            s.execute("SAVEPOINT before_straight_load");
        }
        long rows;
        try (CopyRows load = new CopyRows(c, "COPY " + table + " (plan_id, " + columns + ") FROM STDIN")) {
            rows = CsvUpload.stream(file, data, kind.requiredColumns(), kind.optionalColumns(), row -> {
                String[] values = clean[0] ? cells.apply(row) : null;
                if (values == null) {
                    clean[0] = false;
                    return;
                }
                load.cellsAfter(plan, values);
            });
            if (clean[0]) {
                load.finish();
            }
            clock.mark("parse+load");
            clock.note("of it waiting on the COPY", load.waitMillis());
        }
        if (clean[0]) {
            clean[0] = !anyLoadedRowFails(table, columns, checks, rows);
            clock.mark("checks");
        }
        try (Statement s = c.createStatement()) {
            s.execute(clean[0] ? "RELEASE SAVEPOINT before_straight_load" : "ROLLBACK TO SAVEPOINT before_straight_load");
        }
        if (!clean[0]) {
            clock.mark("straight load undone");
            return -1;
        }
        return rows;
    }

    private boolean anyLoadedRowFails(String table, String columns, String checks, long rows) throws SQLException {
        String loaded = "WITH stage AS NOT MATERIALIZED (SELECT 0 AS row_no, " + columns + " FROM " + table
                + " WHERE plan_id = :plan) SELECT EXISTS (" + checks + ")";
        boolean hashJoinsOnly = JoinGuard.hashJoinsOnly(rows);
        try (Statement settings = c.createStatement(); PreparedStatement check = PlanSql.prepare(c, planId, loaded)) {
            if (hashJoinsOnly) {
                // the table's statistics predate the load: a nested loop would probe the baseline once per row
                settings.execute(JoinGuard.HASH_JOINS_ONLY + "; " + JoinGuard.JOIN_MEMORY);
            }
            boolean fails;
            try (ResultSet rs = check.executeQuery()) {
                rs.next();
                fails = rs.getBoolean(1);
            }
            if (hashJoinsOnly) {
                settings.execute(JoinGuard.JOINS_AS_CONFIGURED);
            }
            return fails;
        }
    }

    /**
     * COPYs every row into a fresh temporary table {@code stage (row_no bigint, <columns>)} while the file is
     * parsed, then gives the planner its real size. Temporary tables write no WAL, and ON COMMIT DROP removes it
     * whatever happens; work_mem is raised for this transaction only, so the hash joins of 100k staged rows against
     * 100k baseline accounts stay in memory (the default 4 MB spilled them to disk in two batches). When the cell
     * errors alone fill the error cap, the file is refused here.
     *
     * @param cells a row's cells in the stage's column order (null for an empty cell); it records cell errors
     * @return the rows staged
     */
    public long stage(String columns, Function<CsvUpload.Row, String[]> cells) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(JoinGuard.JOIN_MEMORY + "; DROP TABLE IF EXISTS stage; "
                    + "CREATE TEMP TABLE stage (row_no bigint, " + columns + ") ON COMMIT DROP");
        }
        long rows;
        long waited;
        try (CopyRows stage = new CopyRows(c, "COPY stage FROM STDIN")) {
            rows = CsvUpload.stream(file, data, kind.requiredColumns(), kind.optionalColumns(),
                    row -> stage.row(row.number(), cells.apply(row)));
            stage.finish();
            waited = stage.waitMillis();
        }
        // a small sample (statistics target 10) is enough and takes ~10 ms instead of ~150 ms for the default
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL default_statistics_target = 10; ANALYZE stage");
        }
        clock.mark("parse+stage");
        clock.note("of it waiting on the COPY", waited);
        if (errors.full()) {
            errors.throwIfAny();
        }
        return rows;
    }

    /**
     * Runs a query answering {@code (row_no, column, reason)} for every bad staged row, adds what it finds (up to
     * the cap; the rest counted) to the cell errors in row order, and refuses the file if anything is wrong.
     */
    public void check(String query) throws SQLException {
        int cap = errors.cap();
        String sql = "SELECT row_no, col, reason, count(*) OVER () FROM (" + query
                + ") AS bad (row_no, col, reason) ORDER BY row_no, col LIMIT " + cap;
        try (PreparedStatement s = PlanSql.prepare(c, planId, sql); ResultSet rs = s.executeQuery()) {
            long total = 0;
            while (rs.next()) {
                total = rs.getLong(4);
                errors.add(rs.getLong(1), rs.getString(2), rs.getString(3));
            }
            errors.addUnlisted(total - Math.min(total, cap));
        }
        errors.sortByRow();
        errors.throwIfAny();
        clock.mark("checks");
    }

    /**
     * Writes the staged rows into a table that holds some of the plan's rows already: {@code update} (the rows that
     * differ), then {@code insert} (the new ones), both reading {@code stage}. Measured: two statements beat one
     * data-modifying CTE (which re-probed the just-updated index) and beat deleting the existing rows from the stage
     * before a plain INSERT (a 100k-row DELETE of its own). From 1,000 staged rows on both hash (see
     * {@link JoinGuard}): the INSERT reads the table it writes.
     */
    public void merge(long stagedRows, String update, String insert) throws SQLException {
        boolean hashJoinsOnly = JoinGuard.hashJoinsOnly(stagedRows);
        try (Statement settings = c.createStatement()) {
            if (hashJoinsOnly) {
                settings.execute(JoinGuard.HASH_JOINS_ONLY);
            }
            PlanSql.execute(c, planId, update);
            clock.mark("update");
            PlanSql.execute(c, planId, insert);
            clock.mark("insert");
            if (hashJoinsOnly) {
                settings.execute(JoinGuard.JOINS_AS_CONFIGURED);
            }
        }
    }
}
