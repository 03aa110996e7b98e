package dev.planbridge.emulator;

import com.sforce.soap.partner.DeleteResult;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.StatusCode;
import com.sforce.soap.partner.sobject.SObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A territory model's life through the unmodified force-wsc PartnerConnection: activation is a job (Activating, then
 * Active with ActivatedDate), it archives the model that was Active (DeactivatedDate) and deletes that model's
 * territory quotas, and what Salesforce refuses is refused with its status codes.
 */
class TerritoryModelLifecycleApiTest {

    private static final Duration JOB = Duration.ofSeconds(30);

    private static SalesforceEmulator emulator;
    private static PartnerConnection connection;
    private static final SettableClock CLOCK = new SettableClock(Instant.now().plusSeconds(3600));

    /** The org's clock, moved by the test so the activation job's end is not a race with the machine's load. */
    static final class SettableClock extends Clock {
        volatile Instant now;

        SettableClock(Instant start) {
            now = start;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults());
        emulator.org().setClock(CLOCK);
        emulator.org().setTerritoryModelJobDuration(JOB);
        connection = PartnerApiTest.login(emulator.soapUrl("64.0"), EmulatorConfig.SYNC_USERNAME,
                EmulatorConfig.SYNC_PASSWORD);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void shouldActivateTheNewModelAfterItsJobAndArchiveThePreviousOneWithItsQuotas() throws Exception {
        String admin = emulator.org().adminUserId();
        QueryResult live = connection.query("SELECT Id FROM Territory2Model WHERE State = 'Active'");
        // The seeded org may already have its Active model; an empty org gets one (seed data may create it Active).
        String fy26 = live.getSize() > 0 ? live.getRecords()[0].getId()
                : emulator.org().insert(admin, "Territory2Model", Map.of("Name", "FY26 lifecycle",
                        "DeveloperName", "FY26_lifecycle", "State", "Active"));
        String type = create("Territory2Type", Map.of("MasterLabel", "Lifecycle", "DeveloperName", "Lifecycle",
                "Priority", 4711));
        String forecastType = create("ForecastingType", Map.of("DeveloperName", "Lifecycle_revenue",
                "MasterLabel", "Lifecycle revenue"));
        String fy26Territory = create("Territory2", Map.of("Name", "West 26", "DeveloperName", "West_26",
                "Territory2ModelId", fy26, "Territory2TypeId", type));
        String fy26Quota = create("ForecastingQuota", Map.of("QuotaOwnerId", admin, "StartDate", "2026-01-01",
                "QuotaAmount", 1000.0, "ForecastingTypeId", forecastType, "Territory2Id", fy26Territory));
        String fy27 = create("Territory2Model", Map.of("Name", "FY27 lifecycle", "DeveloperName", "FY27_lifecycle"));
        String fy27Territory = create("Territory2", Map.of("Name", "West 27", "DeveloperName", "West_27",
                "Territory2ModelId", fy27, "Territory2TypeId", type));
        String fy27Quota = create("ForecastingQuota", Map.of("QuotaOwnerId", admin, "StartDate", "2027-01-01",
                "QuotaAmount", 1200.0, "ForecastingTypeId", forecastType, "Territory2Id", fy27Territory));

        assertTrue(update(fy27, Map.of("State", "Active")).isSuccess());

        SObject activating = model(fy27);
        assertEquals("Activating", activating.getField("State"), "activation is a job, not an instant");
        assertNull(activating.getField("ActivatedDate"));
        assertEquals("Active", model(fy26).getField("State"), "the old model stays Active until the job ends");
        SaveResult secondRequest = update(fy27, Map.of("Description", "while activating"));
        assertEquals(StatusCode.FIELD_INTEGRITY_EXCEPTION, secondRequest.getErrors()[0].getStatusCode());
        DeleteResult deleteActivating = connection.delete(new String[]{fy27})[0];
        assertEquals(StatusCode.DELETE_FAILED, deleteActivating.getErrors()[0].getStatusCode());

        CLOCK.now = CLOCK.now.plus(JOB).plusSeconds(1);

        SObject active = model(fy27);
        assertEquals("Active", active.getField("State"));
        assertNotNull(active.getField("ActivatedDate"));
        SObject archived = model(fy26);
        assertEquals("Archived", archived.getField("State"));
        assertNotNull(archived.getField("DeactivatedDate"));
        assertEquals(0, connection.query("SELECT Id FROM ForecastingQuota WHERE Id = '" + fy26Quota + "'").getSize(),
                "archiving deletes the archived model's territory quotas");
        assertEquals(1, connection.query("SELECT Id FROM ForecastingQuota WHERE Id = '" + fy27Quota + "'").getSize(),
                "the new model's quotas stay");
        assertEquals(1, connection.query("SELECT Id FROM Territory2 WHERE Id = '" + fy26Territory + "'").getSize(),
                "an archived model keeps its territories");

        SaveResult editArchived = update(fy26, Map.of("Name", "FY26 renamed"));
        assertFalse(editArchived.isSuccess());
        assertEquals(StatusCode.FIELD_INTEGRITY_EXCEPTION, editArchived.getErrors()[0].getStatusCode());
        assertEquals("State", editArchived.getErrors()[0].getFields()[0]);
        DeleteResult deleteActive = connection.delete(new String[]{fy27})[0];
        assertEquals(StatusCode.DELETE_FAILED, deleteActive.getErrors()[0].getStatusCode());
        assertTrue(deleteActive.getErrors()[0].getMessage().contains("Planning or Archived"));
        assertTrue(connection.delete(new String[]{fy26})[0].isSuccess(), "an archived model can be deleted");
    }

    @Test
    void shouldRefuseSkippingFromPlanningToArchived() throws Exception {
        String model = create("Territory2Model", Map.of("Name", "Skipper", "DeveloperName", "Skipper"));
        SaveResult refused = update(model, Map.of("State", "Archived"));
        assertEquals(StatusCode.FIELD_INTEGRITY_EXCEPTION, refused.getErrors()[0].getStatusCode());
        assertTrue(refused.getErrors()[0].getMessage().contains("Planning state can't move to Archived"),
                refused.getErrors()[0].getMessage());
        assertEquals("Planning", model(model).getField("State"));
    }

    private static String create(String type, Map<String, Object> fields) throws Exception {
        SObject record = new SObject(type);
        fields.forEach(record::setField);
        SaveResult result = connection.create(new SObject[]{record})[0];
        assertTrue(result.isSuccess(), () -> type + ": " + result.getErrors()[0].getMessage());
        return result.getId();
    }

    private static SaveResult update(String id, Map<String, Object> fields) throws Exception {
        SObject record = new SObject("Territory2Model");
        record.setId(id);
        fields.forEach(record::setField);
        return connection.update(new SObject[]{record})[0];
    }

    private static SObject model(String id) throws Exception {
        QueryResult result = connection.query("SELECT Id, State, ActivatedDate, DeactivatedDate FROM Territory2Model"
                + " WHERE Id = '" + id + "'");
        assertEquals(1, result.getSize());
        return result.getRecords()[0];
    }
}
