package dev.planbridge.emulator.bulk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Bulk API 2.0 ingest job: what the client asked for, its state, the uploaded CSV and, once processed, one
 * outcome per data row. State changes go through the synchronized methods, because the HTTP threads (abort, job
 * info) and the processing thread touch the same job.
 */
final class IngestJob {

    /** The outcome of one data row: success with the record id, or failure with the sf__Error text. */
    record RowResult(List<String> row, String id, boolean created, String error) {
        boolean success() {
            return error == null;
        }
    }

    final String id;
    final String object;
    final String operation;
    final String externalIdFieldName;
    final String columnDelimiter;
    final String lineEnding;
    final String createdById;
    final String createdDate;
    final String apiVersion;

    private JobState state = JobState.Open;
    private String systemModstamp;
    private String errorMessage;
    private byte[] data;
    private List<String> header = List.of();
    private final List<RowResult> results = new ArrayList<>();
    private List<List<String>> unprocessed = List.of();
    private long processingMillis;

    IngestJob(String id, String object, String operation, String externalIdFieldName, String columnDelimiter,
              String lineEnding, String createdById, String now, String apiVersion) {
        this.id = id;
        this.object = object;
        this.operation = operation;
        this.externalIdFieldName = externalIdFieldName;
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

    /** Stores the one upload a job accepts. */
    synchronized void upload(byte[] csv) {
        if (state != JobState.Open) {
            throw BulkApiException.invalidJobState("Job " + id + " is not open for uploads; its state is " + state);
        }
        if (data != null) {
            // Salesforce refuses a second PUT on the same job with this message.
            throw BulkApiException.badRequest("BULK_API_ERROR", "Found multiple contents for job: <" + id
                    + ">, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you "
                    + "only do 'PUT' once on a given Job.");
        }
        data = csv;
    }

    synchronized byte[] data() {
        return data;
    }

    /** Open → UploadComplete; a job without data fails at once, as Salesforce fails an empty upload. */
    synchronized void uploadComplete(String now) {
        if (state != JobState.Open) {
            throw BulkApiException.invalidJobState("Job " + id + " can't be closed: its state is " + state);
        }
        state = JobState.UploadComplete;
        systemModstamp = now;
    }

    /** Aborts the job; returns the state it had (Open or UploadComplete: no row was processed). */
    synchronized JobState abort(String now) {
        if (state.terminal()) {
            throw BulkApiException.invalidJobState("Job " + id + " can't be aborted: its state is " + state);
        }
        JobState previous = state;
        state = JobState.Aborted;
        systemModstamp = now;
        return previous;
    }

    /** The uploaded rows of a job aborted before processing: all of them are unprocessed. */
    synchronized void abortedBeforeProcessing(List<String> columns, List<List<String>> rows) {
        header = List.copyOf(columns);
        unprocessed = List.copyOf(rows);
    }

    /** UploadComplete → InProgress; false when the job was aborted meanwhile. */
    synchronized boolean start(String now) {
        if (state != JobState.UploadComplete) {
            return false;
        }
        state = JobState.InProgress;
        systemModstamp = now;
        return true;
    }

    synchronized void setHeader(List<String> columns) {
        header = List.copyOf(columns);
    }

    synchronized List<String> header() {
        return header;
    }

    /** Adds one chunk's outcomes; false when the job was aborted meanwhile (its other rows stay unprocessed). */
    synchronized boolean addResults(List<RowResult> chunk) {
        results.addAll(chunk);
        return state == JobState.InProgress;
    }

    synchronized boolean aborted() {
        return state == JobState.Aborted;
    }

    synchronized void finish(JobState end, String message, List<List<String>> notProcessed, long millis,
                             String now) {
        if (state == JobState.InProgress) {
            state = end;
            errorMessage = message;
        }
        unprocessed = List.copyOf(notProcessed);
        processingMillis = millis;
        systemModstamp = now;
    }

    synchronized List<RowResult> results() {
        return List.copyOf(results);
    }

    synchronized List<List<String>> unprocessed() {
        return unprocessed;
    }

    /** The documented job-info properties; contentUrl only while the job takes uploads. */
    synchronized Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", id);
        info.put("operation", operation);
        info.put("object", object);
        info.put("createdById", createdById);
        info.put("createdDate", createdDate);
        info.put("systemModstamp", systemModstamp);
        info.put("state", state.name());
        if (externalIdFieldName != null) {
            info.put("externalIdFieldName", externalIdFieldName);
        }
        info.put("concurrencyMode", "Parallel");
        info.put("contentType", "CSV");
        info.put("apiVersion", Double.parseDouble(apiVersion));
        info.put("jobType", "V2Ingest");
        if (state == JobState.Open) {
            info.put("contentUrl", "services/data/v" + apiVersion + "/jobs/ingest/" + id + "/batches");
        }
        info.put("lineEnding", lineEnding);
        info.put("columnDelimiter", columnDelimiter);
        long failed = results.stream().filter(r -> !r.success()).count();
        info.put("numberRecordsProcessed", results.size());
        info.put("numberRecordsFailed", failed);
        info.put("retries", 0);
        info.put("totalProcessingTime", processingMillis);
        info.put("apiActiveProcessingTime", processingMillis);
        info.put("apexProcessingTime", 0);
        if (errorMessage != null) {
            info.put("errorMessage", errorMessage);
        }
        return info;
    }
}
