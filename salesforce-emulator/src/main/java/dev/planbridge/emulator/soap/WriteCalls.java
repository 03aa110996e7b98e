package dev.planbridge.emulator.soap;

import com.sforce.soap.partner.*;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.bind.XMLizable;
import dev.planbridge.emulator.ApiFaultException;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.Sessions;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.emulator.org.RecordInput;
import dev.planbridge.emulator.org.WriteOptions;
import dev.planbridge.emulator.org.WriteResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The write calls: create, update, upsert, delete, undelete (at most 200 records each).
 * One handler per SOAP call, registered in {@link PartnerCall}.
 */
final class WriteCalls {

    private WriteCalls() {
    }

    /** One create or update call: the org writes, the records are counted, each gets a SaveResult. */
    private interface Save {
        List<WriteResult> write(Org org, String userId, List<RecordInput> inputs, WriteOptions options);
    }

    private static SaveResult[] save(PartnerCall.Context c, SObject[] records, Save save) {
        List<WriteResult> results = save.write(c.org(), c.session().userId(), PartnerService.inputs(records),
                c.service().writeOptions(c.call(), c.request().headers(), records));
        c.emulator().counters().recordRecords(c.call(), records.length);
        return PartnerService.saveResults(results);
    }

    static XMLizable create(PartnerCall.Context c) {
        CreateResponse_element response = new CreateResponse_element();
        response.setResult(save(c, ((Create_element) c.body()).getSObjects(), Org::create));
        return response;
    }

    static XMLizable update(PartnerCall.Context c) {
        UpdateResponse_element response = new UpdateResponse_element();
        response.setResult(save(c, ((Update_element) c.body()).getSObjects(), Org::update));
        return response;
    }

    static XMLizable upsert(PartnerCall.Context c) {
        Org org = c.org();
        SoapEndpoint.Headers headers = c.request().headers();
        Sessions.Session session = c.session();
        String call = c.call();
        SalesforceEmulator emulator = c.emulator();
        Upsert_element upsert = (Upsert_element) c.body();
        SObject[] records = upsert.getSObjects();
        String type = records.length == 0 ? null : records[0].getType();
        for (SObject record : records) {
            if (type == null || !type.equalsIgnoreCase(record.getType())) {
                throw ApiFaultException.unexpected("INVALID_TYPE", "upsert requires records of one sObject "
                        + "type; got " + type + " and " + record.getType());
            }
        }
        List<WriteResult> results = records.length == 0 ? List.of()
                : org.upsert(session.userId(), type, upsert.getExternalIDFieldName(), PartnerService.inputs(records),
                c.service().writeOptions(call, headers, records));
        emulator.counters().recordRecords(call, records.length);
        List<UpsertResult> upsertResults = new ArrayList<>();
        for (WriteResult result : results) {
            UpsertResult upsertResult = new UpsertResult();
            upsertResult.setCreated(result.success() && result.created());
            upsertResult.setErrors(PartnerService.errors(result.errors()));
            upsertResult.setId(result.id());
            upsertResult.setSuccess(result.success());
            upsertResults.add(upsertResult);
        }
        UpsertResponse_element response = new UpsertResponse_element();
        response.setResult(upsertResults.toArray(new UpsertResult[0]));
        return response;
    }

    static XMLizable delete(PartnerCall.Context c) {
        Org org = c.org();
        SoapEndpoint.Headers headers = c.request().headers();
        Sessions.Session session = c.session();
        String call = c.call();
        SalesforceEmulator emulator = c.emulator();
        String[] ids = ((Delete_element) c.body()).getIds();
        PartnerService.requireRecordLimit(ids.length);
        List<WriteResult> results = org.delete(session.userId(), Arrays.asList(ids),
                c.service().idWriteOptions(call, headers, ids));
        emulator.counters().recordRecords(call, ids.length);
        List<DeleteResult> deleteResults = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            WriteResult result = results.get(i);
            DeleteResult deleteResult = new DeleteResult();
            deleteResult.setErrors(PartnerService.errors(result.errors()));
            deleteResult.setId(result.success() ? result.id() : null);
            deleteResult.setSuccess(result.success());
            deleteResults.add(deleteResult);
        }
        DeleteResponse_element response = new DeleteResponse_element();
        response.setResult(deleteResults.toArray(new DeleteResult[0]));
        return response;
    }

    static XMLizable undelete(PartnerCall.Context c) {
        Org org = c.org();
        SoapEndpoint.Headers headers = c.request().headers();
        Sessions.Session session = c.session();
        String call = c.call();
        SalesforceEmulator emulator = c.emulator();
        String[] ids = ((Undelete_element) c.body()).getIds();
        PartnerService.requireRecordLimit(ids.length);
        List<WriteResult> results = org.undelete(session.userId(), Arrays.asList(ids),
                c.service().idWriteOptions(call, headers, ids));
        emulator.counters().recordRecords(call, ids.length);
        List<UndeleteResult> undeleteResults = new ArrayList<>();
        for (WriteResult result : results) {
            UndeleteResult undeleteResult = new UndeleteResult();
            undeleteResult.setErrors(PartnerService.errors(result.errors()));
            undeleteResult.setId(result.success() ? result.id() : null);
            undeleteResult.setSuccess(result.success());
            undeleteResults.add(undeleteResult);
        }
        UndeleteResponse_element response = new UndeleteResponse_element();
        response.setResult(undeleteResults.toArray(new UndeleteResult[0]));
        return response;
    }
}
