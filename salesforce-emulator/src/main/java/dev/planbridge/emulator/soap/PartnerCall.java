package dev.planbridge.emulator.soap;

import com.sforce.ws.bind.XMLizable;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.Sessions;
import dev.planbridge.emulator.org.Org;

import java.util.Map;

/** One Partner API call's handler (login aside, which needs no session); the registry maps call names to them. */
@FunctionalInterface
interface PartnerCall {

    /** Everything a handler sees of the request: the parsed body, the request and its session. */
    record Context(String call, XMLizable body, SoapEndpoint.SoapRequest request, Sessions.Session session,
                   PartnerService service, SalesforceEmulator emulator) {
        Org org() {
            return emulator.org();
        }
    }

    XMLizable handle(Context context);

    /** The authenticated calls the emulator implements, by SOAP operation name. */
    Map<String, PartnerCall> CALLS = Map.ofEntries(
            Map.entry("getUserInfo", SessionCalls::getUserInfo),
            Map.entry("logout", SessionCalls::logout),
            Map.entry("getServerTimestamp", SessionCalls::getServerTimestamp),
            Map.entry("describeGlobal", DescribeCalls::describeGlobal),
            Map.entry("describeSObject", DescribeCalls::describeSObject),
            Map.entry("describeSObjects", DescribeCalls::describeSObjects),
            Map.entry("query", ReadCalls::query),
            Map.entry("queryAll", ReadCalls::queryAll),
            Map.entry("queryMore", ReadCalls::queryMore),
            Map.entry("retrieve", ReadCalls::retrieve),
            Map.entry("create", WriteCalls::create),
            Map.entry("update", WriteCalls::update),
            Map.entry("upsert", WriteCalls::upsert),
            Map.entry("delete", WriteCalls::delete),
            Map.entry("undelete", WriteCalls::undelete),
            Map.entry("getUpdated", ReplicationCalls::getUpdated),
            Map.entry("getDeleted", ReplicationCalls::getDeleted));
}
