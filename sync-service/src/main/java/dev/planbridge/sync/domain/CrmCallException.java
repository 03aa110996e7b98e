package dev.planbridge.sync.domain;

/** A whole CRM call failed (as opposed to single records in it). */
public class CrmCallException extends Exception {

    /** What kind of failure, which decides the retry. */
    public enum Kind {
        /** INVALID_SESSION_ID and friends: log in again. */
        SESSION_EXPIRED,
        /** REQUEST_LIMIT_EXCEEDED: wait until the org's budget allows. */
        REQUEST_LIMIT,
        /** HTTP 5xx, dropped or timed-out connection: the call may or may not have been applied. */
        TRANSIENT,
        /** Anything else (malformed query, missing permission): retrying will not help. */
        PERMANENT
    }

    private final Kind kind;
    private final String code;

    public CrmCallException(Kind kind, String code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
