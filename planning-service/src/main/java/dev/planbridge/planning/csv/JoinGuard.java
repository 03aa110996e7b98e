package dev.planbridge.planning.csv;

/**
 * The hash-join guard of large merges and checks. A statement that reads the table it writes (the merge's
 * {@code INSERT … WHERE NOT EXISTS}), or one planned on statistics taken before a load, gets a nested loop when
 * PostgreSQL believes the table (nearly) empty — a new database, or a table analysed before its first big import —
 * and that loop rereads every row written so far, which is quadratic: 100k overrides took about 3 minutes instead
 * of 0.5 s (docs/benchmarks/planning.md), holding the plan's lock all along. From {@link #HASH_JOINS_FROM_ROWS}
 * rows on such statements therefore hash whatever the statistics say; small ones keep their index lookups
 * ({@code LargeMergeJoinTest}).
 */
public final class JoinGuard {

    /** From this many rows on, merges and post-load checks join by hashing only. */
    public static final long HASH_JOINS_FROM_ROWS = 1_000;
    public static final String HASH_JOINS_ONLY = "SET LOCAL enable_nestloop = off";
    public static final String JOINS_AS_CONFIGURED = "SET LOCAL enable_nestloop = DEFAULT";

    /** For this transaction: 100k × 100k hash joins stay in memory (the default 4 MB spilled them in two batches). */
    public static final String JOIN_MEMORY = "SET LOCAL work_mem = '64MB'";

    private JoinGuard() {
    }

    public static boolean hashJoinsOnly(long rows) {
        return rows >= HASH_JOINS_FROM_ROWS;
    }
}
