package dev.planbridge.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.SoapFaultException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import javax.xml.namespace.QName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every category the classifier knows, from the shapes force-wsc really throws. */
class FaultClassifierTest {

    private static ApiFault apiFault(ExceptionCode code, String message) {
        ApiFault fault = new ApiFault();
        fault.setExceptionCode(code);
        fault.setExceptionMessage(message);
        return fault;
    }

    private static SoapFaultException soapFault(String code, String message) {
        return new SoapFaultException(new QName("urn:fault.partner.soap.sforce.com", code), message);
    }

    @Test
    void shouldTreatAnInvalidSessionIdFaultAsAnExpiredSession() {
        SalesforceFault fault = FaultClassifier.classify(apiFault(ExceptionCode.INVALID_SESSION_ID,
                "Invalid Session ID found in SessionHeader: Illegal Session"));

        assertEquals(FaultCategory.SESSION_EXPIRED, fault.category());
        assertEquals("INVALID_SESSION_ID", fault.code());
    }

    @Test
    void shouldTreatTheSfInvalidSessionIdFaultCodeAsAnExpiredSession() {
        SalesforceFault fault = FaultClassifier.classify(soapFault("INVALID_SESSION_ID", "no detail"));

        assertEquals(FaultCategory.SESSION_EXPIRED, fault.category());
        assertEquals("INVALID_SESSION_ID", fault.code());
    }

    // The faultstrings force-wsc's own session renewer reacts to; the change feed used to know only "Invalid Session".
    @ParameterizedTest
    @ValueSource(strings = {"Illegal Session", "Session timed out", "Session not found"})
    void shouldTreatEveryRenewableFaultstringAsAnExpiredSessionWhateverTheCode(String text) {
        SalesforceFault soap = FaultClassifier.classify(soapFault("UNKNOWN_EXCEPTION", "Server says: " + text));
        SalesforceFault api = FaultClassifier.classify(apiFault(ExceptionCode.UNKNOWN_EXCEPTION, text + "."));

        assertEquals(FaultCategory.SESSION_EXPIRED, soap.category());
        assertEquals("INVALID_SESSION_ID", soap.code());
        assertEquals(FaultCategory.SESSION_EXPIRED, api.category());
    }

    @Test
    void shouldTreatRequestLimitExceededAsTheRequestLimit() {
        SalesforceFault fault = FaultClassifier.classify(apiFault(ExceptionCode.REQUEST_LIMIT_EXCEEDED,
                "TotalRequests Limit exceeded."));

        assertEquals(FaultCategory.REQUEST_LIMIT, fault.category());
        assertEquals("REQUEST_LIMIT_EXCEEDED", fault.code());
        assertTrue(fault.category().callWasRefused());
    }

    @Test
    void shouldTreatUnableToLockRowAsALock() {
        assertEquals(FaultCategory.LOCK, FaultClassifier.classify(apiFault(ExceptionCode.UNABLE_TO_LOCK_ROW,
                "unable to obtain exclusive access to this record")).category());
        assertEquals(FaultCategory.LOCK, FaultClassifier.classify(soapFault("UNABLE_TO_LOCK_ROW", "locked"))
                .category());
    }

    @Test
    void shouldTreatBrokenConnectionsAndServerErrorsAsTransientWithUnknownOutcome() {
        SalesforceFault reset = FaultClassifier.classify(
                new ConnectionException("Failed to send request to http://x/services/Soap/u/64.0", new IOException("reset")));
        SalesforceFault timeout = FaultClassifier.classify(
                new ConnectionException("Failed to send request", new SocketTimeoutException("Read timed out")));
        SalesforceFault unavailable = FaultClassifier.classify(
                new ConnectionException("Unexpected response: HTTP 503 Service Unavailable"));
        SalesforceFault serverUnavailable = FaultClassifier.classify(apiFault(ExceptionCode.SERVER_UNAVAILABLE, "busy"));

        assertEquals(FaultCategory.TRANSIENT, reset.category());
        assertEquals(SalesforceFault.CONNECTION, reset.code());
        assertTrue(reset.getMessage().contains("reset"), reset.getMessage());
        assertEquals(FaultCategory.TRANSIENT, timeout.category());
        assertEquals("HTTP_503", unavailable.code());
        assertEquals(FaultCategory.TRANSIENT, unavailable.category());
        assertEquals(FaultCategory.TRANSIENT, serverUnavailable.category());
        assertFalse(reset.category().callWasRefused());
    }

    @Test
    void shouldTreatEverythingElseAsPermanentAndKeepSalesforcesCode() {
        SalesforceFault malformed = FaultClassifier.classify(apiFault(ExceptionCode.MALFORMED_QUERY, "unexpected token"));
        SalesforceFault field = FaultClassifier.classify(apiFault(ExceptionCode.INVALID_FIELD, "No such column 'X'"));
        SalesforceFault login = FaultClassifier.classify(apiFault(ExceptionCode.INVALID_LOGIN, "Invalid username"));

        assertEquals(FaultCategory.PERMANENT, malformed.category());
        assertEquals("MALFORMED_QUERY", malformed.code());
        assertEquals("INVALID_FIELD", field.code());
        assertEquals(FaultCategory.PERMANENT, login.category());
        assertEquals("INVALID_FIELD: No such column 'X'", field.getMessage());
    }

    @Test
    void shouldTellAnUnreachableTokenEndpointFromARefusedClient() {
        SalesforceFault unreachable = FaultClassifier.classify(new SalesforceLogin.TokenException("refused", 0, null));
        SalesforceFault down = FaultClassifier.classify(new SalesforceLogin.TokenException("down", 502, null));
        SalesforceFault refused = FaultClassifier.classify(new SalesforceLogin.TokenException("invalid_client", 400, null));

        assertEquals(FaultCategory.TRANSIENT, unreachable.category());
        assertEquals(SalesforceFault.CONNECTION, unreachable.code());
        assertEquals("HTTP_502", down.code());
        assertEquals(FaultCategory.PERMANENT, refused.category());
        assertEquals("INVALID_LOGIN", refused.code());
    }
}
