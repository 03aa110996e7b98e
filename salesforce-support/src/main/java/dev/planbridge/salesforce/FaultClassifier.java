package dev.planbridge.salesforce;

import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.SoapFaultException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that decides what a force-wsc failure means. Before it existed the change feed and the sync service
 * each had a {@code translate(ConnectionException)} and recognised an expired session by different strings.
 */
public final class FaultClassifier {

    /** Logging in again is needed when the code says so, or the faultstring is one force-wsc's session renewer reacts to. */
    static final String INVALID_SESSION_ID = "INVALID_SESSION_ID";
    static final List<String> EXPIRED_SESSION_TEXTS =
            List.of("Illegal Session", "Session timed out", "Session not found", "Invalid Session");
    private static final Set<String> REQUEST_LIMIT_CODES = Set.of("REQUEST_LIMIT_EXCEEDED");
    private static final Set<String> LOCK_CODES = Set.of("UNABLE_TO_LOCK_ROW");
    private static final Set<String> TRANSIENT_CODES = Set.of("SERVER_UNAVAILABLE", "UNKNOWN_EXCEPTION");
    /** force-wsc names the status of an HTTP error without a SOAP body after a space ("... 503 Service Unavailable"). */
    private static final Pattern HTTP_STATUS = Pattern.compile(" (5\\d\\d)\\b");

    private FaultClassifier() {
    }

    /** What a failed call means. Never null; an unexpected shape is {@link FaultCategory#TRANSIENT} or PERMANENT. */
    public static SalesforceFault classify(ConnectionException e) {
        if (e instanceof ApiFault fault) {
            String code = fault.getExceptionCode() == null ? "UNKNOWN_EXCEPTION" : fault.getExceptionCode().name();
            String message = fault.getExceptionMessage() == null ? "" : fault.getExceptionMessage();
            return new SalesforceFault(categoryOf(code, message), code, message, e);
        }
        if (e instanceof SoapFaultException fault) {
            String code = fault.getFaultCode() == null ? "SOAP_FAULT" : fault.getFaultCode().getLocalPart();
            String message = fault.getMessage() == null ? "" : fault.getMessage();
            FaultCategory category = categoryOf(code, message);
            return new SalesforceFault(category, category == FaultCategory.SESSION_EXPIRED ? INVALID_SESSION_ID : code,
                    message, e);
        }
        // Transport trouble: refused, dropped or timed-out connection, or an HTTP 5xx without a SOAP fault.
        String message = String.valueOf(e.getMessage());
        Matcher status = HTTP_STATUS.matcher(message);
        String code = status.find() ? "HTTP_" + status.group(1) : SalesforceFault.CONNECTION;
        String detail = e.getCause() == null ? message : message + " (" + e.getCause() + ")";
        return new SalesforceFault(FaultCategory.TRANSIENT, code, detail, e);
    }

    /** A refused or unreachable OAuth token endpoint: 5xx and no answer are transient, a refusal means bad credentials. */
    public static SalesforceFault classify(SalesforceLogin.TokenException e) {
        if (e.isTransient()) {
            return new SalesforceFault(FaultCategory.TRANSIENT,
                    e.httpStatus() == 0 ? SalesforceFault.CONNECTION : "HTTP_" + e.httpStatus(), e.getMessage(), e);
        }
        return new SalesforceFault(FaultCategory.PERMANENT, "INVALID_LOGIN", e.getMessage(), e);
    }

    static FaultCategory categoryOf(String code, String message) {
        if (INVALID_SESSION_ID.equals(code) || EXPIRED_SESSION_TEXTS.stream().anyMatch(message::contains)) {
            return FaultCategory.SESSION_EXPIRED;
        }
        if (REQUEST_LIMIT_CODES.contains(code)) {
            return FaultCategory.REQUEST_LIMIT;
        }
        if (LOCK_CODES.contains(code) || message.contains("UNABLE_TO_LOCK_ROW")) {
            return FaultCategory.LOCK;
        }
        if (TRANSIENT_CODES.contains(code)) {
            return FaultCategory.TRANSIENT;
        }
        return FaultCategory.PERMANENT;
    }
}
