package dev.planbridge.emulator;

import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.fault.InvalidFieldFault;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import dev.planbridge.emulator.generate.OrgGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a client sees depends on its API version, as with a real org: fields and response elements introduced later
 * are neither sent nor accepted (ForecastingQuota.Territory2Id is API 43.0+; Field.aiPredictionField 43.0+,
 * DescribeSObjectResult.isInterface 47.0+ ...).
 */
class ApiVersionTest {

    private static SalesforceEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults().toBuilder().httpsPort(-1).build());
        OrgGenerator.generate(emulator.org(), OrgGenerator.Options.of(20, 6, 3));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static PartnerConnection connect(String version) throws ConnectionException {
        ConnectorConfig config = new ConnectorConfig();
        config.setAuthEndpoint(emulator.soapUrl(version));
        config.setUsername(EmulatorConfig.ADMIN_USERNAME);
        config.setPassword(EmulatorConfig.ADMIN_PASSWORD);
        return Connector.newConnection(config);
    }

    private static boolean hasField(DescribeSObjectResult result, String name) {
        return Arrays.stream(result.getFields()).map(Field::getName).anyMatch(name::equals);
    }

    @Test
    void shouldHideAndRefuseAFieldBeforeTheVersionThatIntroducedIt() throws Exception {
        PartnerConnection old = connect("42.0");
        PartnerConnection current = connect("64.0");
        assertTrue(old.getConfig().getServiceEndpoint().contains("/services/Soap/u/42.0/"));

        assertFalse(hasField(old.describeSObject("ForecastingQuota"), "Territory2Id"));
        assertTrue(hasField(old.describeSObject("ForecastingQuota"), "QuotaOwnerId"));
        assertTrue(hasField(current.describeSObject("ForecastingQuota"), "Territory2Id"));

        InvalidFieldFault select = assertThrows(InvalidFieldFault.class,
                () -> old.query("SELECT Id, Territory2Id FROM ForecastingQuota"));
        assertTrue(select.getExceptionMessage().contains("No such column 'Territory2Id' on entity 'ForecastingQuota'"));
        assertThrows(InvalidFieldFault.class,
                () -> old.query("SELECT Id FROM ForecastingQuota WHERE Territory2.Name = 'EMEA'"),
                "a relationship through the field is refused too");
        assertThrows(InvalidFieldFault.class, () -> old.retrieve("Id, Territory2Id", "ForecastingQuota",
                new String[]{"0J9Pb0000000001AAA"}));
        current.query("SELECT Id, Territory2Id FROM ForecastingQuota");

        String rep = (String) emulator.org().records("User").stream()
                .filter(u -> !u.get("Id").equals(emulator.org().adminUserId())).skip(2).findFirst().orElseThrow()
                .get("Id");
        String territory = (String) emulator.org().records("Territory2").get(0).get("Id");
        String type = (String) emulator.org().records("ForecastingType").get(0).get("Id");
        SObject quota = new SObject("ForecastingQuota");
        quota.setField("QuotaOwnerId", rep);
        quota.setField("ForecastingTypeId", type);
        quota.setField("StartDate", calendar(2026, Calendar.MARCH, 1));
        quota.setField("QuotaAmount", 1000.0);
        quota.setField("Territory2Id", territory);

        SaveResult refused = old.create(new SObject[]{quota})[0];
        assertFalse(refused.isSuccess());
        assertEquals("INVALID_FIELD", refused.getErrors()[0].getStatusCode().name());
        assertEquals("Territory2Id", refused.getErrors()[0].getFields()[0]);
        SaveResult created = current.create(new SObject[]{quota})[0];
        assertTrue(created.isSuccess(), Arrays.toString(created.getErrors()));
    }

    @Test
    void shouldLeaveOutResponseElementsTheClientVersionDoesNotKnow() throws Exception {
        String v42 = describeOnTheWire("42.0");
        String v46 = describeOnTheWire("46.0");
        String v64 = describeOnTheWire("64.0");

        for (String element : new String[]{"aiPredictionField", "formulaTreatNullNumberAsZero",
                "dataTranslationEnabled", "deepCloneable", "isInterface", "associateEntityType"}) {
            assertFalse(v42.contains("<" + element), element + " is unknown at 42.0");
            assertTrue(v64.contains("<" + element), element + " is sent at 64.0");
        }
        assertTrue(v46.contains("<aiPredictionField") && v46.contains("<dataTranslationEnabled"));
        assertFalse(v46.contains("<deepCloneable") || v46.contains("<isInterface"));
        assertTrue(v42.contains("<soapType>") && v42.contains("<keyPrefix>001</keyPrefix>"),
                "the elements every version knows are all there");
    }

    @Test
    void shouldServeEveryVersionFrom40To66AndRefuseOthers() throws Exception {
        for (String version : new String[]{"40.0", "52.0", "64.0"}) {
            PartnerConnection connection = connect(version);
            assertTrue(connection.describeSObject("Account").getFields().length > 10, version);
            assertTrue(connection.query("SELECT COUNT() FROM Account").getSize() >= 20, version);
        }
        HttpResponse<String> tooOld = soap("39.0", "<getServerTimestamp/>", null);
        assertEquals(500, tooOld.statusCode());
        assertTrue(tooOld.body().contains("UNSUPPORTED_API_VERSION"), tooOld.body());
    }

    private static String describeOnTheWire(String version) throws Exception {
        String session = connect("64.0").getConfig().getSessionId();
        HttpResponse<String> response = soap(version, "<describeSObject><sObjectType>Account</sObjectType>"
                + "</describeSObject>", session);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static HttpResponse<String> soap(String version, String body, String session) throws Exception {
        String header = session == null ? "" : "<soapenv:Header><SessionHeader><sessionId>" + session
                + "</sessionId></SessionHeader></soapenv:Header>";
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope "
                + "xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"urn:partner.soap.sforce.com\">"
                + header + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emulator.httpBaseUrl()
                        + "/services/Soap/u/" + version)).header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"\"").POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Calendar calendar(int year, int month, int day) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("GMT"));
        calendar.clear();
        calendar.set(year, month, day);
        return calendar;
    }
}
