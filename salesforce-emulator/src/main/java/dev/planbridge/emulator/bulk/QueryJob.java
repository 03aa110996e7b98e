package dev.planbridge.emulator.bulk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Bulk API 2.0 query job: the SOQL, its state and, once run, the result rows as CSV cells (header first).
 * Synchronized for the same reason as {@link IngestJob}.
 */
final class QueryJob {

    final String id;
    final String operation;
    final String query;
    final String object;
    final String columnDelimiter;
    final String lineEnding;
    final String createdById;
    final String createdDate;
    final String apiVersion;

    private JobState state = JobState.UploadComplete;
    private String systemModstamp;
    private String errorMessage;
    private List<String> header = List.of();
    private List<List<String>> rows = List.of();
    private long processingMillis;

    QueryJob(String id, String operation, String query, String object, String columnDelimiter, String lineEnding,
             String createdById, String now, String apiVersion) {
        this.id = id;
        this.operation = operation;
        this.query = query;
        this.object = object;
        this.columnDelimiter = columnDelimiter;
        this.lineEnding = lineEnding;
        this.createdById = createdById;
        this.createdDate = now;
        this.systemModstamp = now;
        this.apiVersion = apiVersion;
    }

    synchronized JobState state() {
        return state;
    }

    synchronized boolean start(String now) {
        if (state != JobState.UploadComplete) {
            return false;
        }
        state = JobState.InProgress;
        systemModstamp = now;
        return true;
    }

    synchronized void complete(List<String> columns, List<List<String>> cells, long millis, String now) {
        if (state == JobState.InProgress) {
            state = JobState.JobComplete;
            header = List.copyOf(columns);
            rows = cells;
        }
        processingMillis = millis;
        systemModstamp = now;
    }

    synchronized void fail(String message, String now) {
        if (state == JobState.InProgress) {
            state = JobState.Failed;
            errorMessage = message;
        }
        systemModstamp = now;
    }

    synchronized void abort(String now) {
        if (state.terminal()) {
            throw BulkApiException.invalidJobState("Job " + id + " can't be aborted: its state is " + state);
        }
        state = JobState.Aborted;
        systemModstamp = now;
    }

    synchronized List<String> header() {
        return header;
    }

    synchronized List<List<String>> rows() {
        return rows;
    }

    /** The documented query job-info properties. */
    synchronized Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", id);
        info.put("operation", operation);
        info.put("object", object);
        info.put("createdById", createdById);
        info.put("createdDate", createdDate);
        info.put("systemModstamp", systemModstamp);
        info.put("state", state.name());
        info.put("concurrencyMode", "Parallel");
        info.put("contentType", "CSV");
        info.put("apiVersion", Double.parseDouble(apiVersion));
        info.put("jobType", "V2Query");
        info.put("lineEnding", lineEnding);
        info.put("columnDelimiter", columnDelimiter);
        info.put("numberRecordsProcessed", rows.size());
        info.put("retries", 0);
        info.put("totalProcessingTime", processingMillis);
        if (errorMessage != null) {
            info.put("errorMessage", errorMessage);
        }
        return info;
    }
}
