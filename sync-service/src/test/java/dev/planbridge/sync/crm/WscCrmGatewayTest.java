package dev.planbridge.sync.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import dev.planbridge.sync.domain.CrmCallException;
import dev.planbridge.sync.domain.CrmRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WscCrmGatewayTest {

    static ApiFault fault(ExceptionCode code, String message) {
        ApiFault fault = new ApiFault();
        fault.setExceptionCode(code);
        fault.setExceptionMessage(message);
        return fault;
    }

    @Test
    void shouldClassifyFaultsForTheRetryPolicy() {
        assertEquals(CrmCallException.Kind.SESSION_EXPIRED,
                WscCrmGateway.translate(fault(ExceptionCode.INVALID_SESSION_ID, "Illegal Session")).kind());
        assertEquals(CrmCallException.Kind.REQUEST_LIMIT,
                WscCrmGateway.translate(fault(ExceptionCode.REQUEST_LIMIT_EXCEEDED, "TotalRequests Limit exceeded")).kind());
        assertEquals(CrmCallException.Kind.PERMANENT,
                WscCrmGateway.translate(fault(ExceptionCode.MALFORMED_QUERY, "unexpected token")).kind());
        assertEquals(CrmCallException.Kind.TRANSIENT,
                WscCrmGateway.translate(new ConnectionException("Failed to send request", new IOException("reset"))).kind());
    }

    @Test
    void shouldReadSelectedFieldsAndAuditPropertiesOfARecord() {
        SObject sobject = new SObject("Account");
        sobject.setId("001000000000001AAA");
        sobject.setField("OwnerId", "005000000000001AAA");
        sobject.setField("LastModifiedById", "005000000000002AAA");
        sobject.setField("LastModifiedDate", "2026-11-15T09:00:00.000Z");
        List<String> fields = WscCrmGateway.selectedFields("SELECT Id, OwnerId, LastModifiedById, LastModifiedDate FROM Account");
        CrmRecord record = WscCrmGateway.toRecord(sobject, fields);
        assertEquals("001000000000001AAA", record.id());
        assertEquals(java.util.Map.of("OwnerId", "005000000000001AAA"), record.fields());
        assertEquals("005000000000002AAA", record.lastModifiedById());
        assertEquals(Instant.parse("2026-11-15T09:00:00Z"), record.lastModifiedDate());
    }
}
