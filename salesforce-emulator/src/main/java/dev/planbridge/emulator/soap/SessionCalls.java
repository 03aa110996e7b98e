package dev.planbridge.emulator.soap;

import com.sforce.soap.partner.*;
import com.sforce.ws.bind.XMLizable;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.Sessions;
import dev.planbridge.emulator.org.Org;

/**
 * The session calls: getUserInfo, logout, getServerTimestamp.
 * One handler per SOAP call, registered in {@link PartnerCall}.
 */
final class SessionCalls {

    private SessionCalls() {
    }

    static XMLizable getUserInfo(PartnerCall.Context c) {
        Sessions.Session session = c.session();
        GetUserInfoResponse_element response = new GetUserInfoResponse_element();
        response.setResult(c.service().userInfo(session.userId()));
        return response;
    }

    static XMLizable logout(PartnerCall.Context c) {
        Sessions.Session session = c.session();
        SalesforceEmulator emulator = c.emulator();
        emulator.sessions().invalidate(session.id());
        return new LogoutResponse_element();
    }

    static XMLizable getServerTimestamp(PartnerCall.Context c) {
        Org org = c.org();
        GetServerTimestampResult result = new GetServerTimestampResult();
        result.setTimestamp(PartnerService.calendar(org.now()));
        GetServerTimestampResponse_element response = new GetServerTimestampResponse_element();
        response.setResult(result);
        return response;
    }
}
