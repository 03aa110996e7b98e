package dev.planbridge.emulator.bulk;

/**
 * A refused Bulk API 2.0 request: the HTTP status and the REST error body {@code [{"errorCode":..,"message":..}]}
 * Salesforce answers with (Status Codes and Error Responses, REST API Developer Guide).
 */
public final class BulkApiException extends RuntimeException {

    private final int httpStatus;
    private final String errorCode;

    public BulkApiException(int httpStatus, String errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public static BulkApiException badRequest(String errorCode, String message) {
        return new BulkApiException(400, errorCode, message);
    }

    public static BulkApiException notFound(String message) {
        return new BulkApiException(404, "NOT_FOUND", message);
    }

    /** A request that does not fit the job's current state (e.g. an upload to a job already UploadComplete). */
    public static BulkApiException invalidJobState(String message) {
        return new BulkApiException(409, "INVALIDJOBSTATE", message);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String errorCode() {
        return errorCode;
    }
}
