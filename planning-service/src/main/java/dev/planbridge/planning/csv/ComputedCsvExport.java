package dev.planbridge.planning.csv;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A CSV export that a feature computes rather than reads with one query ({@code GET …/exports/{path}}), such as
 * every account's effective territory. Found through CDI beside the {@link CsvKind}s, so this package needs no
 * knowledge of the feature.
 */
public interface ComputedCsvExport {

    /** The export's name in the URL; distinct from every {@link CsvKind#path()}. */
    String path();

    List<String> header();

    /** Hands each row, in header order, to {@code sink}; called while the response streams. */
    void rows(UUID planId, Consumer<List<?>> sink) throws Exception;
}
