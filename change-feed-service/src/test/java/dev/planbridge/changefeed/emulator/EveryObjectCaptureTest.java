package dev.planbridge.changefeed.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.changefeed.capture.CaptureEngine;
import dev.planbridge.changefeed.capture.CaptureListener;
import dev.planbridge.changefeed.capture.CaptureSettings;
import dev.planbridge.changefeed.capture.ObjectSpec;
import dev.planbridge.changefeed.salesforce.WscCrmSource;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.Operation;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.emulator.org.WriteOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Create, update, delete (and undelete where Salesforce has a recycle bin) on every default object other than
 * Account (EmulatorCaptureTest) and UserTerritory2Association (snapshot diff, EmulatorCaptureTest), through WSC:
 * each change appears once with the right before/after images and changedFields.
 */
class EveryObjectCaptureTest {

    private static final CaptureSettings SETTINGS =
            new CaptureSettings(Duration.ofSeconds(5), Duration.ofDays(15), Duration.ZERO, 500);

    private final Org org = PrivateOrg.emulator().org();
    private final String admin = org.adminUserId();

    private final class Capture {
        final EmulatorCaptureTest.MemoryStore store = new EmulatorCaptureTest.MemoryStore();
        final CaptureEngine engine;

        Capture(String object, List<String> fields) {
            engine = new CaptureEngine(new ObjectSpec(object, fields, ObjectSpec.Strategy.INCREMENTAL),
                    new WscCrmSource(PrivateOrg.admin()), store, SETTINGS, EmulatorConfig.SYNC_USERNAME,
                    CaptureListener.NONE, Clock.systemUTC());
            engine.start();
            engine.poll(); // snapshot
        }

        List<ChangeEvent> after(Runnable change) {
            int before = store.published.size();
            change.run();
            engine.poll();
            return List.copyOf(store.published.subList(before, store.published.size()));
        }
    }

    private static List<Operation> ops(List<ChangeEvent> events) {
        return events.stream().map(ChangeEvent::op).toList();
    }

    @Test
    void shouldCaptureEveryOperationOnOpportunities() {
        Capture capture = new Capture("Opportunity", List.of("Name", "StageName", "Amount", "AccountId", "CloseDate"));
        String account = (String) org.records("Account").get(0).get("Id");
        String[] id = new String[1];
        List<ChangeEvent> created = capture.after(() -> id[0] = org.insert(admin, "Opportunity", Map.of(
                "Name", "Feed Deal", "AccountId", account, "StageName", "Prospecting", "Amount", 1000,
                "CloseDate", LocalDate.of(2026, 12, 31))));
        assertEquals(List.of(Operation.CREATE), ops(created));
        assertEquals("Prospecting", created.get(0).after().get("StageName"));
        assertEquals("2026-12-31", created.get(0).after().get("CloseDate"));

        List<ChangeEvent> updated = capture.after(() -> org.updateRecord(admin, id[0],
                Map.of("StageName", "Qualification")));
        assertEquals(List.of(Operation.UPDATE), ops(updated));
        assertEquals(List.of("StageName"), updated.get(0).changedFields());
        assertEquals("Prospecting", updated.get(0).before().get("StageName"));

        List<ChangeEvent> deleted = capture.after(() -> org.deleteRecord(admin, id[0]));
        assertEquals(List.of(Operation.DELETE), ops(deleted));
        assertEquals("Qualification", deleted.get(0).before().get("StageName"));
        assertNull(deleted.get(0).after());

        List<ChangeEvent> undeleted = capture.after(() -> org.undelete(admin, List.of(id[0]), WriteOptions.DEFAULT));
        assertEquals(List.of(Operation.UNDELETE), ops(undeleted));
        assertEquals("Feed Deal", undeleted.get(0).after().get("Name"));
        assertEquals(0, capture.engine.poll(), "nothing twice");
    }

    @Test
    void shouldCaptureEveryOperationOnTerritoriesAndTheirAccountAssociations() {
        Capture territories = new Capture("Territory2", List.of("Name", "DeveloperName", "Territory2ModelId",
                "Territory2TypeId", "ParentTerritory2Id"));
        Capture associations = new Capture("ObjectTerritory2Association", List.of("ObjectId", "Territory2Id",
                "AssociationCause"));
        Map<String, Object> sibling = org.records("Territory2").get(1);
        Map<String, Object> values = new HashMap<>();
        values.put("Name", "Feed Territory");
        values.put("DeveloperName", "Feed_Territory_" + System.nanoTime());
        values.put("Territory2ModelId", sibling.get("Territory2ModelId"));
        values.put("Territory2TypeId", sibling.get("Territory2TypeId"));
        values.put("ParentTerritory2Id", sibling.get("ParentTerritory2Id"));
        String[] territory = new String[1];
        List<ChangeEvent> created = territories.after(() -> territory[0] = org.insert(admin, "Territory2", values));
        assertEquals(List.of(Operation.CREATE), ops(created));
        assertEquals("Feed Territory", created.get(0).after().get("Name"));

        List<ChangeEvent> renamed = territories.after(() -> org.updateRecord(admin, territory[0],
                Map.of("Name", "Feed Territory (renamed)")));
        assertEquals(List.of(Operation.UPDATE), ops(renamed));
        assertEquals(List.of("Name"), renamed.get(0).changedFields());
        assertEquals("Feed Territory", renamed.get(0).before().get("Name"));

        String account = (String) org.records("Account").get(0).get("Id");
        String[] association = new String[1];
        List<ChangeEvent> associated = associations.after(() -> association[0] = org.insert(admin,
                "ObjectTerritory2Association", Map.of("ObjectId", account, "Territory2Id", territory[0],
                        "AssociationCause", "Territory2Manual")));
        assertEquals(List.of(Operation.CREATE), ops(associated));
        assertEquals(territory[0], associated.get(0).after().get("Territory2Id"));
        assertEquals(account, associated.get(0).after().get("ObjectId"));

        List<ChangeEvent> unassociated = associations.after(() -> org.deleteRecord(admin, association[0]));
        assertEquals(List.of(Operation.DELETE), ops(unassociated));
        assertEquals(territory[0], unassociated.get(0).before().get("Territory2Id"));

        List<ChangeEvent> deleted = territories.after(() -> org.deleteRecord(admin, territory[0]));
        assertEquals(List.of(Operation.DELETE), ops(deleted));
        assertEquals("Feed Territory (renamed)", deleted.get(0).before().get("Name"));
        assertEquals(0, territories.engine.poll() + associations.engine.poll(), "nothing twice");
    }

    @Test
    void shouldCaptureEveryOperationOnQuotas() {
        Capture capture = new Capture("ForecastingQuota", List.of("QuotaOwnerId", "StartDate", "QuotaAmount",
                "ForecastingTypeId", "Territory2Id"));
        // a quota starts with a fiscal period of the org and belongs to a forecasting type
        Map<String, Object> period = org.records("Period").get(0);
        Map<String, Object> values = new HashMap<>();
        // nobody may set their own quota (Salesforce's rule, which the emulator keeps)
        values.put("QuotaOwnerId", org.records("User").stream().map(user -> (String) user.get("Id"))
                .filter(user -> !user.equals(admin)).findFirst().orElseThrow());
        values.put("StartDate", period.get("StartDate"));
        values.put("QuotaAmount", 12_345);
        values.put("IsAmount", true);
        values.put("ForecastingTypeId", org.records("ForecastingType").get(0).get("Id"));
        String[] id = new String[1];
        List<ChangeEvent> created = capture.after(() -> id[0] = org.insert(admin, "ForecastingQuota", values));
        assertEquals(List.of(Operation.CREATE), ops(created));
        assertEquals(12_345.0, ((Number) created.get(0).after().get("QuotaAmount")).doubleValue());

        List<ChangeEvent> updated = capture.after(() -> org.updateRecord(admin, id[0], Map.of("QuotaAmount", 15_000)));
        assertEquals(List.of(Operation.UPDATE), ops(updated));
        assertEquals(List.of("QuotaAmount"), updated.get(0).changedFields());

        List<ChangeEvent> deleted = capture.after(() -> org.deleteRecord(admin, id[0]));
        assertEquals(List.of(Operation.DELETE), ops(deleted));
        assertEquals(15_000.0, ((Number) deleted.get(0).before().get("QuotaAmount")).doubleValue());
    }

    @Test
    void shouldCaptureNewAndChangedUsers() {
        Capture capture = new Capture("User", List.of("Name", "Username", "Email", "IsActive", "ManagerId"));
        String username = "feed.user." + System.nanoTime() + "@planbridge.demo";
        String[] id = new String[1];
        List<ChangeEvent> created = capture.after(() -> id[0] = org.insert(admin, "User", Map.of(
                "Username", username, "LastName", "Feeder", "FirstName", "Fay", "Email", username)));
        assertEquals(List.of(Operation.CREATE), ops(created));
        assertEquals(username, created.get(0).after().get("Username"));

        // users cannot be deleted in Salesforce: they are deactivated
        List<ChangeEvent> deactivated = capture.after(() -> org.updateRecord(admin, id[0], Map.of("IsActive", false)));
        assertEquals(List.of(Operation.UPDATE), ops(deactivated));
        assertEquals(List.of("IsActive"), deactivated.get(0).changedFields());
        assertTrue((Boolean) deactivated.get(0).before().get("IsActive"));
    }
}
