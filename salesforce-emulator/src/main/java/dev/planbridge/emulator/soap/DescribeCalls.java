package dev.planbridge.emulator.soap;

import com.sforce.soap.partner.*;
import com.sforce.ws.bind.XMLizable;
import dev.planbridge.emulator.ApiFaultException;
import dev.planbridge.emulator.org.Org;

import java.util.ArrayList;
import java.util.List;

/**
 * The describe calls: describeGlobal, describeSObject, describeSObjects (at most 100 types).
 * One handler per SOAP call, registered in {@link PartnerCall}.
 */
final class DescribeCalls {

    private DescribeCalls() {
    }

    static XMLizable describeGlobal(PartnerCall.Context c) {
        Org org = c.org();
        DescribeGlobalResponse_element response = new DescribeGlobalResponse_element();
        response.setResult(Describer.describeGlobal(org.schema()));
        return response;
    }

    static XMLizable describeSObject(PartnerCall.Context c) {
        Org org = c.org();
        SoapEndpoint.SoapRequest request = c.request();
        DescribeSObjectResponse_element response = new DescribeSObjectResponse_element();
        response.setResult(Describer.describe(org.requireObject(
                ((DescribeSObject_element) c.body()).getSObjectType()), request.apiVersion()));
        return response;
    }

    static XMLizable describeSObjects(PartnerCall.Context c) {
        Org org = c.org();
        SoapEndpoint.SoapRequest request = c.request();
        String[] types = ((DescribeSObjects_element) c.body()).getSObjectType();
        if (types.length > PartnerService.MAX_DESCRIBE_TYPES) {
            throw ApiFaultException.unexpected("EXCEEDED_MAX_TYPES_LIMIT",
                    "describeSObjects accepts at most " + PartnerService.MAX_DESCRIBE_TYPES + " types, got " + types.length);
        }
        List<DescribeSObjectResult> results = new ArrayList<>();
        for (String type : types) {
            results.add(Describer.describe(org.requireObject(type), request.apiVersion()));
        }
        DescribeSObjectsResponse_element response = new DescribeSObjectsResponse_element();
        response.setResult(results.toArray(new DescribeSObjectResult[0]));
        return response;
    }
}
