package dev.planbridge.planning.csv;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Rows of a CSV text as a kind receives them, for plain unit tests of the kinds' checks. */
public final class CsvRows {

    private CsvRows() {
    }

    public static List<CsvUpload.Row> of(CsvKind kind, String text) {
        return CsvUpload.parse("f.csv", text.getBytes(StandardCharsets.UTF_8), kind.requiredColumns(),
                kind.optionalColumns());
    }

    /** Each listed error as {@code row:column:reason}, for assertions that read like the problem a planner sees. */
    public static List<String> described(RowErrors errors) {
        return errors.listed().stream().map(e -> e.row() + ":" + e.field() + ":" + e.reason()).toList();
    }
}
