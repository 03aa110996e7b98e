package dev.planbridge.emulator.soap;

import com.sforce.soap.partner.*;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.bind.XMLizable;
import dev.planbridge.emulator.ApiFaultException;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.Sessions;
import dev.planbridge.emulator.org.ObjectDef;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.emulator.soql.ResultRow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read calls: query, queryAll, queryMore and retrieve (at most 2,000 ids).
 * One handler per SOAP call, registered in {@link PartnerCall}.
 */
final class ReadCalls {

    private ReadCalls() {
    }

    static XMLizable query(PartnerCall.Context c) {
        SoapEndpoint.Headers headers = c.request().headers();
        Sessions.Session session = c.session();
        QueryResponse_element response = new QueryResponse_element();
        response.setResult(c.service().query(((Query_element) c.body()).getQueryString(), false, headers, session));
        return response;
    }

    static XMLizable queryAll(PartnerCall.Context c) {
        SoapEndpoint.Headers headers = c.request().headers();
        Sessions.Session session = c.session();
        QueryAllResponse_element response = new QueryAllResponse_element();
        response.setResult(c.service().query(((QueryAll_element) c.body()).getQueryString(), true, headers, session));
        return response;
    }

    static XMLizable queryMore(PartnerCall.Context c) {
        SoapEndpoint.Headers headers = c.request().headers();
        Sessions.Session session = c.session();
        QueryMoreResponse_element response = new QueryMoreResponse_element();
        response.setResult(c.service().queryMore(((QueryMore_element) c.body()).getQueryLocator(), headers, session));
        return response;
    }

    static XMLizable retrieve(PartnerCall.Context c) {
        Org org = c.org();
        SoapEndpoint.SoapRequest request = c.request();
        String call = c.call();
        SalesforceEmulator emulator = c.emulator();
        Retrieve_element retrieve = (Retrieve_element) c.body();
        String[] ids = retrieve.getIds();
        if (ids.length > PartnerService.MAX_RETRIEVE_IDS) {
            throw ApiFaultException.unexpected("EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than " + PartnerService.MAX_RETRIEVE_IDS + " ids");
        }
        String fieldList = retrieve.getFieldList() == null ? "" : retrieve.getFieldList();
        List<String> fields = Arrays.stream(fieldList.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        ObjectDef object = org.requireObject(retrieve.getSObjectType());
        for (String field : fields) {
            dev.planbridge.emulator.org.FieldDef def = object.fieldDef(field);
            if (def != null) {
                PartnerService.requireFieldAt(object.name(), def.name(), request.apiVersion());
            }
        }
        List<Map<String, Object>> rows = org.retrieve(object.name(), fields, Arrays.asList(ids));
        List<SObject> records = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (row == null) {
                records.add(null);
                continue;
            }
            LinkedHashMap<String, Object> values = new LinkedHashMap<>(row);
            boolean idSelected = fields.stream().anyMatch(f -> f.equalsIgnoreCase("Id"));
            String id = (String) values.get("Id");
            if (!idSelected) {
                values.remove("Id");
            }
            records.add(PartnerService.toSObject(new ResultRow(object.name(), id, values)));
        }
        emulator.counters().recordRecords(call, records.stream().filter(r -> r != null).count());
        RetrieveResponse_element response = new RetrieveResponse_element();
        response.setResult(records.toArray(new SObject[0]));
        return response;
    }
}
