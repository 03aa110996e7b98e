package dev.planbridge.emulator.bulk;

import java.util.ArrayList;
import java.util.List;

/**
 * The three result files of an ingest job, as documented: successfulResults ({@code sf__Id, sf__Created}, then the
 * uploaded columns), failedResults ({@code sf__Id, sf__Error}, then the uploaded columns) and unprocessedrecords
 * (the uploaded columns of the rows never processed, e.g. after an abort).
 */
final class IngestResults {

    private IngestResults() {
    }

    static String render(IngestJob job, String kind) {
        JobState state = job.state();
        if (!state.terminal()) {
            throw BulkApiException.invalidJobState("Job " + job.id + " has no results yet; its state is " + state);
        }
        BulkCsv csv = new BulkCsv(job.columnDelimiter, job.lineEnding);
        StringBuilder out = new StringBuilder();
        List<String> uploaded = job.header();
        switch (kind) {
            case "successfulResults" -> {
                csv.writeRow(out, prefixed(List.of("sf__Id", "sf__Created"), uploaded));
                for (IngestJob.RowResult result : job.results()) {
                    if (result.success()) {
                        csv.writeRow(out, prefixed(List.of(result.id(), Boolean.toString(result.created())),
                                result.row()));
                    }
                }
            }
            case "failedResults" -> {
                csv.writeRow(out, prefixed(List.of("sf__Id", "sf__Error"), uploaded));
                for (IngestJob.RowResult result : job.results()) {
                    if (!result.success()) {
                        csv.writeRow(out, prefixed(List.of(result.id() == null ? "" : result.id(), result.error()),
                                result.row()));
                    }
                }
            }
            default -> {
                if (!uploaded.isEmpty()) {
                    csv.writeRow(out, uploaded);
                }
                for (List<String> row : job.unprocessed()) {
                    csv.writeRow(out, row);
                }
            }
        }
        return out.toString();
    }

    private static List<String> prefixed(List<String> first, List<String> rest) {
        List<String> row = new ArrayList<>(first.size() + rest.size());
        row.addAll(first);
        row.addAll(rest);
        return row;
    }
}
