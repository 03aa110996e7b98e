package dev.planbridge.sync.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sforce.soap.partner.sobject.SObject;
import dev.planbridge.salesforce.FaultCategory;
import dev.planbridge.salesforce.SalesforceFault;
import dev.planbridge.sync.domain.CrmCallException;
import dev.planbridge.sync.domain.CrmRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WscCrmGatewayTest {

    // The classifier itself is tested in salesforce-support; this is the push's reading of each category.
    @Test
    void shouldGiveThePushAKindForEveryFaultCategory() {
        assertEquals(CrmCallException.Kind.SESSION_EXPIRED, kindOf(FaultCategory.SESSION_EXPIRED));
        assertEquals(CrmCallException.Kind.REQUEST_LIMIT, kindOf(FaultCategory.REQUEST_LIMIT));
        assertEquals(CrmCallException.Kind.TRANSIENT, kindOf(FaultCategory.TRANSIENT));
        assertEquals(CrmCallException.Kind.TRANSIENT, kindOf(FaultCategory.LOCK), "settled like any interrupted write");
        assertEquals(CrmCallException.Kind.PERMANENT, kindOf(FaultCategory.PERMANENT));
        CrmCallException translated = WscCrmGateway.translate(
                new SalesforceFault(FaultCategory.PERMANENT, "MALFORMED_QUERY", "unexpected token", null));
        assertEquals("MALFORMED_QUERY", translated.code());
        assertEquals("MALFORMED_QUERY: unexpected token", translated.getMessage());
    }

    private static CrmCallException.Kind kindOf(FaultCategory category) {
        return WscCrmGateway.translate(new SalesforceFault(category, "CODE", "detail", null)).kind();
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
