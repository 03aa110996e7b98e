package dev.planbridge.emulator;

/**
 * A whole-call SOAP fault: HTTP 500 with {@code faultcode sf:<exceptionCode>} and a typed {@code <detail>} element.
 * Thrown by the org store and the SOAP layer; the transport turns it into the envelope WSC maps to the typed exception
 * ({@link Kind} names the {@code com.sforce.soap.partner.fault} class the client raises).
 */
public class ApiFaultException extends RuntimeException {

    /** The fault element in {@code <detail>}, one per WSC fault class. */
    public enum Kind {
        API_FAULT("ApiFault"),
        UNEXPECTED_ERROR("UnexpectedErrorFault"),
        INVALID_QUERY_LOCATOR("InvalidQueryLocatorFault"),
        INVALID_FIELD("InvalidFieldFault"),
        MALFORMED_QUERY("MalformedQueryFault"),
        LOGIN("LoginFault"),
        INVALID_SOBJECT("InvalidSObjectFault"),
        INVALID_ID("InvalidIdFault");

        private final String elementName;

        Kind(String elementName) {
            this.elementName = elementName;
        }

        public String elementName() {
            return elementName;
        }
    }

    private final String exceptionCode;
    private final Kind kind;

    public ApiFaultException(Kind kind, String exceptionCode, String message) {
        super(message);
        this.kind = kind;
        this.exceptionCode = exceptionCode;
    }

    /** An UnexpectedErrorFault, the kind Salesforce uses for most call-level failures. */
    public static ApiFaultException unexpected(String exceptionCode, String message) {
        return new ApiFaultException(Kind.UNEXPECTED_ERROR, exceptionCode, message);
    }

    public String exceptionCode() {
        return exceptionCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The SOAP faultstring: "CODE: message", as Salesforce writes it. */
    public String faultString() {
        return exceptionCode + ": " + getMessage();
    }
}
