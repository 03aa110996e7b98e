package dev.planbridge.emulator.soap;

import com.sforce.soap.partner.*;
import com.sforce.ws.bind.XMLizable;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.org.Org;

import java.util.ArrayList;
import java.util.List;

/**
 * The replication calls: getUpdated and getDeleted.
 * One handler per SOAP call, registered in {@link PartnerCall}.
 */
final class ReplicationCalls {

    private ReplicationCalls() {
    }

    static XMLizable getUpdated(PartnerCall.Context c) {
        Org org = c.org();
        String call = c.call();
        SalesforceEmulator emulator = c.emulator();
        GetUpdated_element request0 = (GetUpdated_element) c.body();
        Org.UpdatedIds updated = org.getUpdated(request0.getSObjectType(), PartnerService.instant(request0.getStartDate()),
                PartnerService.instant(request0.getEndDate()));
        GetUpdatedResult result = new GetUpdatedResult();
        result.setIds(updated.ids().toArray(new String[0]));
        result.setLatestDateCovered(PartnerService.calendar(updated.latestDateCovered()));
        emulator.counters().recordRecords(call, updated.ids().size());
        GetUpdatedResponse_element response = new GetUpdatedResponse_element();
        response.setResult(result);
        return response;
    }

    static XMLizable getDeleted(PartnerCall.Context c) {
        Org org = c.org();
        String call = c.call();
        SalesforceEmulator emulator = c.emulator();
        GetDeleted_element request0 = (GetDeleted_element) c.body();
        Org.DeletedIds deleted = org.getDeleted(request0.getSObjectType(), PartnerService.instant(request0.getStartDate()),
                PartnerService.instant(request0.getEndDate()));
        List<DeletedRecord> records = new ArrayList<>();
        for (Org.DeletedRecord record : deleted.records()) {
            DeletedRecord deletedRecord = new DeletedRecord();
            deletedRecord.setDeletedDate(PartnerService.calendar(record.deletedDate()));
            deletedRecord.setId(record.id());
            records.add(deletedRecord);
        }
        GetDeletedResult result = new GetDeletedResult();
        result.setDeletedRecords(records.toArray(new DeletedRecord[0]));
        result.setEarliestDateAvailable(PartnerService.calendar(deleted.earliestDateAvailable()));
        result.setLatestDateCovered(PartnerService.calendar(deleted.latestDateCovered()));
        emulator.counters().recordRecords(call, records.size());
        GetDeletedResponse_element response = new GetDeletedResponse_element();
        response.setResult(result);
        return response;
    }
}
