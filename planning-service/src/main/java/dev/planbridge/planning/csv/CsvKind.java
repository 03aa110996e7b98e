package dev.planbridge.planning.csv;

import dev.planbridge.planning.plan.PlanChanged;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;

/**
 * One kind of plan element that moves in and out as CSV ({@code POST …/imports/{path}}, {@code GET …/exports/{path}}).
 * The feature that owns the element's tables implements it: it parses and validates the rows and merges them into
 * its own tables, using the bulk-load machinery of this package ({@link CsvImport}, {@link BulkLoad}). The import
 * service and the resource find every implementation through CDI, so a new kind is one new bean and no switch.
 */
public interface CsvKind {

    /** The kind's name in URLs and the default file name: {@code territory-types}, {@code overrides}, … */
    String path();

    /** Columns the header must name (case-insensitive). */
    Set<String> requiredColumns();

    /** Columns the header may name. */
    Set<String> optionalColumns();

    /**
     * Imports the whole file or nothing: every bad cell goes into {@link CsvImport#errors()} with its row and column
     * and the import throws (a 400 naming them) before anything is kept. Runs inside the import's transaction with
     * the plan locked.
     */
    Imported importFile(CsvImport file) throws SQLException, IOException;

    /**
     * The export: a query with one parameter, the plan id, whose column labels are the CSV header (the same names
     * an import reads back).
     */
    String exportQuery();

    /** How many rows an import wrote, and what the in-memory caches must do about it after commit. */
    record Imported(long rows, PlanChanged.Change change) {

        /** Rows whose effect the caches cannot follow incrementally: they rebuild from the database. */
        public static Imported rebuild(long rows) {
            return new Imported(rows, new PlanChanged.Bulk());
        }
    }
}
