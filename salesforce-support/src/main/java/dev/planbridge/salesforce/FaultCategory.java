package dev.planbridge.salesforce;

/** What a failed Salesforce call means for whoever made it: it decides renewal, retry or giving up. */
public enum FaultCategory {
    /** INVALID_SESSION_ID and the faultstrings force-wsc renews on: log in again; the call was refused. */
    SESSION_EXPIRED,
    /** REQUEST_LIMIT_EXCEEDED: the org's budget (daily or concurrent) is used up; the call was refused. */
    REQUEST_LIMIT,
    /** UNABLE_TO_LOCK_ROW for the whole call: another transaction holds the rows; the call was refused. */
    LOCK,
    /** HTTP 5xx, refused, dropped or timed-out connection: a write may or may not have been applied. */
    TRANSIENT,
    /** Anything else (malformed query, unknown field, bad credentials, no access): retrying cannot help. */
    PERMANENT;

    /** The org refused the call before doing anything, so sending it again cannot apply a write twice. */
    public boolean callWasRefused() {
        return this != TRANSIENT;
    }
}
