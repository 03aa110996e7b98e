package dev.planbridge.emulator.soql;

/**
 * A query rejected at compile or execute time, carrying Salesforce's exceptionCode ("MALFORMED_QUERY",
 * "INVALID_FIELD", "INVALID_TYPE", "INVALID_QUERY_FILTER_OPERATOR", "NUMBER_OUTSIDE_VALID_RANGE") and a message in Salesforce's shape, e.g.
 * {@code unexpected token: 'FORM' at Row:1:Column:15}. The SOAP layer turns it into an InvalidSObjectFault /
 * InvalidFieldFault / MalformedQueryFault with the same code and message.
 */
public final class SoqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Salesforce exception codes used by the engine. */
    public static final String MALFORMED_QUERY = "MALFORMED_QUERY";
    public static final String INVALID_FIELD = "INVALID_FIELD";
    public static final String INVALID_TYPE = "INVALID_TYPE";
    public static final String INVALID_QUERY_FILTER_OPERATOR = "INVALID_QUERY_FILTER_OPERATOR";
    /** OFFSET above 2000, as Salesforce reports it. */
    public static final String NUMBER_OUTSIDE_VALID_RANGE = "NUMBER_OUTSIDE_VALID_RANGE";

    private final String exceptionCode;

    public SoqlException(String exceptionCode, String message) {
        super(message);
        this.exceptionCode = exceptionCode;
    }

    /** Salesforce's exceptionCode, e.g. "MALFORMED_QUERY". */
    public String exceptionCode() {
        return exceptionCode;
    }
}
