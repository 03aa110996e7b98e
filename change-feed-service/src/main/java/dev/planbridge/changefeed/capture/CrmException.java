package dev.planbridge.changefeed.capture;

/** A failed call to the CRM, with Salesforce's exception code (or a transport code such as HTTP_503, CONNECTION). */
public class CrmException extends RuntimeException {

    public static final String REQUEST_LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";
    public static final String INVALID_SESSION_ID = "INVALID_SESSION_ID";
    public static final String INVALID_QUERY_LOCATOR = "INVALID_QUERY_LOCATOR";
    public static final String INVALID_TYPE = "INVALID_TYPE";
    public static final String INVALID_FIELD = "INVALID_FIELD";
    public static final String INVALID_LOGIN = "INVALID_LOGIN";
    public static final String INVALID_REPLICATION_DATE = "INVALID_REPLICATION_DATE";
    public static final String CONNECTION = "CONNECTION";

    private final String code;

    public CrmException(String code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    public CrmException(String code, String message) {
        this(code, message, null);
    }

    public String code() {
        return code;
    }

    /** Faults that say the configuration is wrong: retrying cannot help until someone changes it. */
    public boolean isConfigurationError() {
        return INVALID_TYPE.equals(code) || INVALID_FIELD.equals(code) || INVALID_LOGIN.equals(code)
                || "LOGIN_MUST_USE_SECURITY_TOKEN".equals(code) || "UNSUPPORTED_API_VERSION".equals(code);
    }

    public boolean isRequestLimit() {
        return REQUEST_LIMIT_EXCEEDED.equals(code);
    }
}
