package dev.planbridge.changefeed.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.changefeed.capture.CaptureBatch;
import dev.planbridge.changefeed.capture.CaptureEngine;
import dev.planbridge.changefeed.capture.CaptureListener;
import dev.planbridge.changefeed.capture.CaptureSettings;
import dev.planbridge.changefeed.capture.CaptureStore;
import dev.planbridge.changefeed.capture.CapturePosition;
import dev.planbridge.changefeed.capture.CrmException;
import dev.planbridge.changefeed.capture.ObjectSpec;
import dev.planbridge.salesforce.SalesforceConfig;
import dev.planbridge.changefeed.salesforce.WscCrmSource;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.ChangeSource;
import dev.planbridge.contracts.feed.Operation;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.FaultRule;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.emulator.org.WriteOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The capture engine against the Salesforce emulator through the real WSC client: snapshot, every operation with its
 * images, late commits, own writes, snapshot diff, faults. (The store is in memory here; KafkaExactlyOnceTest and
 * EmulatorCrashTest cover Kafka.)
 */
class EmulatorCaptureTest {

    private static final ObjectSpec ACCOUNT = new ObjectSpec("Account",
            List.of("Name", "OwnerId", "Industry", "AnnualRevenue", "NumberOfEmployees"), ObjectSpec.Strategy.INCREMENTAL);
    private static final ObjectSpec UT2A = new ObjectSpec("UserTerritory2Association",
            List.of("UserId", "Territory2Id", "RoleInTerritory2", "IsActive"), ObjectSpec.Strategy.SNAPSHOT_DIFF);
    private static final CaptureSettings SETTINGS =
            new CaptureSettings(Duration.ofSeconds(5), Duration.ofDays(15), Duration.ZERO, 500);

    private final Org org = PrivateOrg.emulator().org();
    private final String admin = org.adminUserId();
    private final MemoryStore store = new MemoryStore();

    @AfterEach
    void clearFaults() {
        PrivateOrg.emulator().faults().clear();
        org.setClock(Clock.systemUTC());
    }

    private CaptureEngine engine(ObjectSpec spec, SalesforceConfig config) {
        CaptureEngine engine = new CaptureEngine(spec, new WscCrmSource(config), store, SETTINGS,
                EmulatorConfig.SYNC_USERNAME, CaptureListener.NONE, Clock.systemUTC());
        engine.start();
        return engine;
    }

    private List<ChangeEvent> eventsOf(String id) {
        return store.published.stream().filter(e -> e.id().equals(id)).toList();
    }

    @Test
    void shouldSnapshotThenCaptureEveryOperationWithImagesAndChangedFields() {
        CaptureEngine engine = engine(ACCOUNT, PrivateOrg.admin());
        int snapshot = engine.poll();
        assertEquals(org.count("Account"), snapshot);
        assertTrue(store.published.stream().allMatch(e -> e.op() == Operation.READ && e.source().snapshot()));
        assertEquals(PrivateOrg.ORG_ID, store.published.get(0).source().orgId().substring(0, 15));

        String id = org.insert(admin, "Account", Map.of("Name", "Feed Test Ltd", "Industry", "Energy",
                "AnnualRevenue", 1_000_000, "NumberOfEmployees", 40));
        engine.poll();
        org.updateRecord(admin, id, Map.of("Industry", "Banking", "AnnualRevenue", 2_500_000.5));
        engine.poll();
        org.deleteRecord(admin, id);
        engine.poll();
        org.undelete(admin, List.of(id), WriteOptions.DEFAULT);
        engine.poll();

        List<ChangeEvent> events = eventsOf(id);
        assertEquals(List.of(Operation.CREATE, Operation.UPDATE, Operation.DELETE, Operation.UNDELETE),
                events.stream().map(ChangeEvent::op).toList());
        ChangeEvent create = events.get(0);
        assertNull(create.before());
        assertEquals("Feed Test Ltd", create.after().get("Name"));
        assertTrue(create.changedFields().containsAll(List.of("Name", "Industry", "AnnualRevenue")));
        ChangeEvent update = events.get(1);
        assertEquals("Energy", update.before().get("Industry"));
        assertEquals("Banking", update.after().get("Industry"));
        assertEquals(List.of("Industry", "AnnualRevenue"), update.changedFields());
        assertEquals(admin, update.source().lastModifiedById());
        assertNotNull(update.source().lastModifiedByName());
        assertEquals(ChangeSource.ORIGIN_CRM, update.source().origin());
        assertEquals("Banking", events.get(2).before().get("Industry"));
        assertNull(events.get(2).after());
        assertEquals("Banking", events.get(3).after().get("Industry"));
        assertEquals(0, engine.poll(), "nothing is published twice");
    }

    @Test
    void shouldNotMissARecordCommittedLateWithAnOlderModstamp() {
        CaptureEngine engine = engine(ACCOUNT, PrivateOrg.admin());
        engine.poll();
        org.insert(admin, "Account", Map.of("Name", "Visible First"));
        engine.poll();
        Instant watermark = engine.position().watermark();

        // a transaction that started before the watermark commits only now: its stamp is 2 s older
        org.setClock(Clock.fixed(watermark.minusSeconds(2), ZoneOffset.UTC));
        String late = org.insert(admin, "Account", Map.of("Name", "Committed Late"));
        org.setClock(Clock.systemUTC());
        engine.poll();
        engine.poll();

        assertEquals(List.of(Operation.CREATE), eventsOf(late).stream().map(ChangeEvent::op).toList());
    }

    @Test
    void shouldMarkWritesOfTheSyncIntegrationUser() {
        CaptureEngine engine = engine(ACCOUNT, PrivateOrg.oauth()); // and log in with OAuth client credentials
        engine.poll();
        String syncUser = PrivateOrg.userId(EmulatorConfig.SYNC_USERNAME);
        String id = org.insert(syncUser, "Account", Map.of("Name", "Pushed By Planbridge"));
        engine.poll();

        ChangeEvent event = eventsOf(id).get(0);
        assertEquals(ChangeSource.ORIGIN_SYNC, event.source().origin());
        assertEquals(syncUser, event.source().lastModifiedById());
    }

    @Test
    void shouldCaptureUserTerritoryAssociationsBySnapshotDiff() {
        CaptureEngine engine = engine(UT2A, PrivateOrg.admin());
        int snapshot = engine.poll();
        assertEquals(org.count("UserTerritory2Association"), snapshot);

        List<Map<String, Object>> existing = org.records("UserTerritory2Association");
        String removed = (String) existing.get(0).get("Id");
        org.deleteRecord(admin, removed);
        String user = (String) existing.get(0).get("UserId");
        String territory = (String) existing.get(0).get("Territory2Id");
        String added = org.insert(admin, "UserTerritory2Association", Map.of("UserId", user, "Territory2Id",
                territory, "RoleInTerritory2", "Sales Rep"));
        assertEquals(2, engine.poll());

        assertEquals(List.of(Operation.READ, Operation.DELETE), eventsOf(removed).stream().map(ChangeEvent::op).toList());
        assertEquals(List.of(Operation.CREATE), eventsOf(added).stream().map(ChangeEvent::op).toList());
        assertEquals("Sales Rep", eventsOf(added).get(0).after().get("RoleInTerritory2"));
        assertEquals(user, eventsOf(removed).get(1).before().get("UserId"));
    }

    @Test
    void shouldRecoverFromSalesforceFaultsWithoutLossOrDuplicates() {
        CaptureEngine engine = engine(ACCOUNT, PrivateOrg.admin());
        engine.poll();
        List<String> created = new ArrayList<>();
        Map<FaultRule.Type, String> failures = new HashMap<>();
        for (FaultRule.Type type : List.of(FaultRule.Type.REQUEST_LIMIT_EXCEEDED, FaultRule.Type.HTTP_503,
                FaultRule.Type.DROP_CONNECTION, FaultRule.Type.INVALID_SESSION_ID)) {
            created.add(org.insert(admin, "Account", Map.of("Name", "Fault " + type)));
            PrivateOrg.emulator().faults().add(FaultRule.nextCalls(type, 1).forCall("queryAll"));
            try {
                engine.poll();
            } catch (CrmException e) {
                failures.put(type, e.code());
                engine.start(); // what the runner does after its backoff
                engine.poll();
            }
        }

        assertEquals(CrmException.REQUEST_LIMIT_EXCEEDED, failures.get(FaultRule.Type.REQUEST_LIMIT_EXCEEDED));
        assertTrue(failures.containsKey(FaultRule.Type.HTTP_503), "503 surfaces: " + failures);
        assertTrue(failures.containsKey(FaultRule.Type.DROP_CONNECTION), "dropped connection surfaces: " + failures);
        assertTrue(!failures.containsKey(FaultRule.Type.INVALID_SESSION_ID), "an expired session is renewed: "
                + failures);
        for (String id : created) {
            assertEquals(List.of(Operation.CREATE), eventsOf(id).stream().map(ChangeEvent::op).toList(), id);
        }
    }

    @Test
    void shouldNameAFieldOrObjectTheOrgDoesNotHaveAndRejectBadCredentials() {
        ObjectSpec wrongField = new ObjectSpec("Account", List.of("Name", "Revenue__c"), ObjectSpec.Strategy.INCREMENTAL);
        CrmException field = assertThrows(CrmException.class, () -> engine(wrongField, PrivateOrg.admin()));
        assertTrue(field.getMessage().contains("Revenue__c") && field.isConfigurationError(), field.getMessage());

        ObjectSpec wrongObject = new ObjectSpec("Acount", List.of("Name"), ObjectSpec.Strategy.INCREMENTAL);
        CrmException object = assertThrows(CrmException.class, () -> engine(wrongObject, PrivateOrg.admin()));
        assertTrue(object.getMessage().contains("Acount") && object.isConfigurationError(), object.getMessage());

        CrmException login = assertThrows(CrmException.class,
                () -> engine(ACCOUNT, PrivateOrg.passwordLogin(EmulatorConfig.ADMIN_USERNAME, "wrong")));
        assertTrue(login.isConfigurationError(), login.getMessage());
    }

    /** Atomic in-memory store (the Kafka one is tested on the broker). */
    static final class MemoryStore implements CaptureStore {
        final List<ChangeEvent> published = new ArrayList<>();
        private final Map<String, Map<String, Object>> images = new HashMap<>();
        private final Map<String, Instant> markers = new HashMap<>();
        private CapturePosition position;

        @Override
        public Restored open() {
            return new Restored(new HashMap<>(images), new HashMap<>(markers), position);
        }

        @Override
        public void commit(CaptureBatch batch) {
            published.addAll(batch.events());
            batch.images().forEach((id, image) -> {
                if (image == null) {
                    images.remove(id);
                } else {
                    images.put(id, image);
                }
            });
            batch.deletedMarkers().forEach((id, marker) -> {
                if (marker == null) {
                    markers.remove(id);
                } else {
                    markers.put(id, marker);
                }
            });
            position = batch.position();
        }

        @Override
        public void close() {
        }
    }
}
