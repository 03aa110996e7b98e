package dev.planbridge.emulator.soql;

import java.time.Instant;
import java.util.Objects;

/**
 * The SOQL engine: {@link #compile} parses and validates a query against the org's schema, {@link #execute} runs it
 * over the org's rows. Stateless apart from the schema, thread-safe; compiled queries may be cached by query text.
 *
 * <p>Supported: SELECT field lists with parent relationship paths, COUNT(), FROM with optional alias, WHERE with
 * AND/OR/NOT/parentheses, = != &lt;&gt; &lt; &lt;= &gt; &gt;= LIKE IN NOT IN INCLUDES EXCLUDES, semi- and anti-joins
 * one level deep, date/datetime literals and relative date literals, ORDER BY with ASC/DESC and NULLS FIRST/LAST,
 * LIMIT, OFFSET (at most 2000). Everything else is rejected with a {@link SoqlException} carrying Salesforce's
 * exception code and the position (Row:line:Column:column).
 */
public final class SoqlEngine {

    private final QueryCompiler compiler;

    public SoqlEngine(SoqlSchema schema) {
        this.compiler = new QueryCompiler(Objects.requireNonNull(schema, "schema"));
    }

    /** Parses and validates against the schema; throws SoqlException. Thread-safe, cacheable. */
    public CompiledQuery compile(String soql) {
        return compiler.compile(Parser.parse(soql));
    }

    /**
     * Runs the query: filter, semi-joins, ORDER BY, OFFSET, LIMIT, projection. now = the clock for TODAY/LAST_N_DAYS
     * (UTC). Rows are streamed from the source and only the matches are kept and sorted.
     *
     * @throws IllegalArgumentException when {@code query} was not compiled by a SoqlEngine
     */
    public QueryRows execute(CompiledQuery query, SoqlRowSource source, boolean includeDeleted, Instant now) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(now, "now");
        if (!(query instanceof SoqlQuery compiled)) {
            throw new IllegalArgumentException("not a query compiled by SoqlEngine: " + query);
        }
        return compiled.execute(source, includeDeleted, now);
    }
}
