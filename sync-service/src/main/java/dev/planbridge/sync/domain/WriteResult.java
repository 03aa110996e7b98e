package dev.planbridge.sync.domain;

/** The CRM's answer for one record of a create, update or delete call. */
public record WriteResult(boolean success, String id, String statusCode, String message) {

    public static WriteResult ok(String id) {
        return new WriteResult(true, id, null, null);
    }

    public static WriteResult error(String statusCode, String message) {
        return new WriteResult(false, null, statusCode, message);
    }
}
