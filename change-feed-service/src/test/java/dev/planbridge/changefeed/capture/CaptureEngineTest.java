package dev.planbridge.changefeed.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.ChangeSource;
import dev.planbridge.contracts.feed.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CaptureEngineTest {

    private static final ObjectSpec ACCOUNT =
            new ObjectSpec("Account", List.of("Name", "OwnerId", "Industry"), ObjectSpec.Strategy.INCREMENTAL);
    private static final ObjectSpec UT2A =
            new ObjectSpec("UserTerritory2Association", List.of("UserId", "Territory2Id"),
                    ObjectSpec.Strategy.SNAPSHOT_DIFF);

    private InMemoryCrm crm;
    private InMemoryStore store;
    /** The local clock runs with the org's clock (here: a little ahead of it, as clocks are). */
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(crm.nowMillis + 250);
        }
    };
    private final CaptureSettings settings =
            new CaptureSettings(Duration.ofSeconds(10), Duration.ofDays(15), Duration.ZERO, 2);

    @BeforeEach
    void setUp() {
        crm = new InMemoryCrm().object("Account", "Name", "OwnerId", "Industry")
                .object("UserTerritory2Association", "UserId", "Territory2Id");
        store = new InMemoryStore();
    }

    private CaptureEngine engine(ObjectSpec spec) {
        CaptureEngine engine = new CaptureEngine(spec, crm, store, settings, "sync@test", CaptureListener.NONE, clock);
        engine.start();
        return engine;
    }

    private List<ChangeEvent> eventsOf(String id) {
        return store.published.stream().filter(e -> e.id().equals(id)).toList();
    }

    @Test
    void shouldReadEveryRecordOnceInTheInitialSnapshotPageByPage() {
        for (int i = 0; i < 7; i++) {
            crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "Acme " + i, "OwnerId", "005A"));
        }
        CaptureEngine engine = engine(ACCOUNT);

        assertEquals(7, engine.poll());

        assertTrue(store.published.stream().allMatch(e -> e.op() == Operation.READ && e.source().snapshot()));
        assertEquals(7, store.published.stream().map(ChangeEvent::id).distinct().count());
        assertTrue(store.commits >= 4, "bounded batches of 2 events each, got " + store.commits + " commits");
        assertTrue(engine.position().snapshotDone());
        assertEquals(0, engine.poll(), "nothing changed since the snapshot");
    }

    @Test
    void shouldPublishCreateUpdateDeleteAndUndeleteWithImagesAndChangedFields() {
        CaptureEngine engine = engine(ACCOUNT);
        engine.poll();

        String id = crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "Acme", "OwnerId", "005A"));
        engine.poll();
        crm.update("Account", id, InMemoryCrm.ADMIN, Map.of("OwnerId", "005B"));
        engine.poll();
        crm.delete("Account", id);
        engine.poll();
        crm.undelete("Account", id);
        engine.poll();

        List<ChangeEvent> events = eventsOf(id);
        assertEquals(List.of(Operation.CREATE, Operation.UPDATE, Operation.DELETE, Operation.UNDELETE),
                events.stream().map(ChangeEvent::op).toList());
        ChangeEvent update = events.get(1);
        assertEquals("005A", update.before().get("OwnerId"));
        assertEquals("005B", update.after().get("OwnerId"));
        assertEquals(List.of("OwnerId"), update.changedFields());
        assertEquals("Ada Admin", update.source().lastModifiedByName());
        assertEquals(ChangeSource.ORIGIN_CRM, update.source().origin());
        ChangeEvent delete = events.get(2);
        assertEquals("005B", delete.before().get("OwnerId"));
        assertNull(delete.after());
        assertEquals("005B", events.get(3).after().get("OwnerId"));
        assertEquals(4, events.stream().map(ChangeEvent::eventId).distinct().count());
    }

    @Test
    void shouldNotMissARecordCommittedLateInsideTheOverlapWindowNorRepeatOthers() {
        CaptureEngine engine = engine(ACCOUNT);
        engine.poll();
        String first = crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "First"));
        Instant firstStamp = Instant.parse((String) crm.records("Account").get(first).get("SystemModstamp"));
        crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "Second"));
        engine.poll();

        // committed now, stamped before the watermark but within the 10 s overlap
        String late = crm.createWithStamp("Account", firstStamp.minusSeconds(2), Map.of("Name", "Late"));
        engine.poll();
        engine.poll();

        assertEquals(1, eventsOf(late).size());
        assertEquals(1, eventsOf(first).size());
        assertEquals(3, store.published.size());
    }

    @Test
    void shouldMarkWritesOfTheIntegrationUserAsPlanbridgeSync() {
        CaptureEngine engine = engine(ACCOUNT);
        engine.poll();
        String id = crm.create("Account", InMemoryCrm.SYNC_USER, Map.of("Name", "Pushed"));

        engine.poll();

        ChangeSource source = eventsOf(id).get(0).source();
        assertEquals(ChangeSource.ORIGIN_SYNC, source.origin());
        assertEquals("Planbridge Sync", source.lastModifiedByName());
        assertEquals(InMemoryCrm.ORG, source.orgId());
    }

    @Test
    void shouldCaptureObjectsWithoutIncrementalApiBySnapshotDiff() {
        String kept = crm.create("UserTerritory2Association", InMemoryCrm.ADMIN, Map.of("UserId", "005A",
                "Territory2Id", "0MIA"));
        String removed = crm.create("UserTerritory2Association", InMemoryCrm.ADMIN, Map.of("UserId", "005B",
                "Territory2Id", "0MIA"));
        CaptureEngine engine = engine(UT2A);
        assertEquals(2, engine.poll());

        crm.hardDelete("UserTerritory2Association", removed);
        String added = crm.create("UserTerritory2Association", InMemoryCrm.ADMIN, Map.of("UserId", "005C",
                "Territory2Id", "0MIA"));
        assertEquals(2, engine.poll());
        assertEquals(0, engine.poll());

        assertEquals(List.of(Operation.READ), eventsOf(kept).stream().map(ChangeEvent::op).toList());
        assertEquals(List.of(Operation.READ, Operation.DELETE), eventsOf(removed).stream().map(ChangeEvent::op).toList());
        assertEquals("005B", eventsOf(removed).get(1).before().get("UserId"));
        assertFalse(eventsOf(removed).get(1).source().snapshot());
        assertEquals(List.of(Operation.CREATE), eventsOf(added).stream().map(ChangeEvent::op).toList());
    }

    @Test
    void shouldResnapshotWithDiffAfterADowntimeLongerThanTheReplicationWindow() {
        String unchanged = crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "Same"));
        String changed = crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "Old"));
        String gone = crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "Gone"));
        CaptureEngine engine = engine(ACCOUNT);
        engine.poll();

        crm.nowMillis += Duration.ofDays(20).toMillis(); // the service was down for 20 days
        crm.update("Account", changed, InMemoryCrm.ADMIN, Map.of("Name", "New"));
        crm.hardDelete("Account", gone); // purged from the recycle bin meanwhile
        String fresh = crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "Fresh"));
        CaptureEngine restarted = engine(ACCOUNT);
        int published = restarted.poll();

        assertEquals(3, published, "only the real differences");
        assertEquals(1, eventsOf(unchanged).size());
        assertEquals(Operation.UPDATE, eventsOf(changed).get(1).op());
        assertEquals(List.of("Name"), eventsOf(changed).get(1).changedFields());
        assertEquals(Operation.DELETE, eventsOf(gone).get(1).op());
        assertEquals(Operation.CREATE, eventsOf(fresh).get(0).op());
        assertTrue(eventsOf(fresh).get(0).source().snapshot());
    }

    @Test
    void shouldFindDeletesThroughGetDeletedWhenQueryAllNoLongerReturnsTheRow() {
        CaptureSettings withCheck = new CaptureSettings(Duration.ofSeconds(10), Duration.ofDays(15),
                Duration.ofSeconds(1), 100);
        String id = crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "Acme"));
        CaptureEngine engine = new CaptureEngine(ACCOUNT, crm, store, withCheck, null, CaptureListener.NONE, clock);
        engine.start();
        engine.poll();
        crm.delete("Account", id);
        // the queryAll row is already older than the overlap: only getDeleted still knows
        crm.nowMillis += 60_000;
        CaptureEngine later = new CaptureEngine(ACCOUNT, new HidingDeletedRows(crm), store, withCheck, null,
                CaptureListener.NONE, clock);
        later.start();
        later.poll();
        later.poll();

        assertEquals(List.of(Operation.READ, Operation.DELETE), eventsOf(id).stream().map(ChangeEvent::op).toList());
    }

    @Test
    void shouldNameAMissingFieldAndAMissingObjectAtStart() {
        ObjectSpec wrongField = new ObjectSpec("Account", List.of("Name", "Revenue__c"), ObjectSpec.Strategy.INCREMENTAL);
        CrmException fieldError = assertThrows(CrmException.class, () -> engine(wrongField));
        assertTrue(fieldError.getMessage().contains("Revenue__c"), fieldError.getMessage());
        assertTrue(fieldError.isConfigurationError());

        ObjectSpec wrongObject = new ObjectSpec("Acount", List.of("Name"), ObjectSpec.Strategy.INCREMENTAL);
        CrmException objectError = assertThrows(CrmException.class, () -> engine(wrongObject));
        assertTrue(objectError.getMessage().contains("Acount"), objectError.getMessage());
    }

    @Test
    void shouldRefuseToPollAfterAFailureUntilRestartedFromCommittedState() {
        CaptureEngine engine = engine(ACCOUNT);
        engine.poll();
        crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "Acme"));
        store.beforeCommit = () -> new IllegalStateException("broker gone");
        assertThrows(IllegalStateException.class, engine::poll);
        store.beforeCommit = () -> null;

        assertThrows(IllegalStateException.class, engine::poll);
        engine.start();
        assertEquals(1, engine.poll());
    }

    /**
     * The exactly-once property: random writes, crashes at random moments (CRM faults and failed commits), a
     * restart after each; every change is published once, and replaying the events rebuilds the org.
     */
    @Test
    void shouldPublishEveryChangeExactlyOnceAcrossRandomCrashes() {
        Random random = new Random(42);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            ids.add(crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "A" + i)));
        }
        CaptureEngine engine = new CaptureEngine(ACCOUNT, crm, store, settings, null, CaptureListener.NONE, clock);
        int crashes = 0;
        for (int round = 0; round < 400; round++) {
            mutate(random, ids);
            boolean crashNow = random.nextInt(4) == 0;
            int failAfter = random.nextInt(6);
            int[] countdown = {failAfter};
            crm.fault = () -> crashNow && countdown[0]-- == 0 ? new CrmException("CONNECTION", "dropped") : null;
            store.beforeCommit = () -> crashNow && random.nextInt(3) == 0 ? new IllegalStateException("kill -9") : null;
            try {
                engine.start();
                engine.poll();
            } catch (RuntimeException e) {
                crashes++;
                engine = new CaptureEngine(ACCOUNT, crm, store, settings, null, CaptureListener.NONE, clock);
            }
        }
        crm.fault = () -> null;
        store.beforeCommit = () -> null;
        engine = new CaptureEngine(ACCOUNT, crm, store, settings, null, CaptureListener.NONE, clock);
        engine.start();
        engine.poll();

        assertTrue(crashes >= 10, "crashes: " + crashes);
        assertEquals(store.published.size(), store.published.stream().map(ChangeEvent::eventId).distinct().count(),
                "no duplicates");
        Map<String, Map<String, Object>> replayed = new HashMap<>();
        for (ChangeEvent event : store.published) {
            if (event.op() == Operation.DELETE) {
                replayed.remove(event.id());
            } else {
                replayed.put(event.id(), event.after());
            }
        }
        Map<String, Object> expectedNames = crm.records("Account").values().stream()
                .collect(Collectors.toMap(r -> (String) r.get("Id"), r -> r.get("Name")));
        Map<String, Object> replayedNames = replayed.values().stream()
                .collect(Collectors.toMap(r -> (String) r.get("Id"), r -> r.get("Name")));
        assertEquals(expectedNames, replayedNames, "replaying the stream rebuilds the org");
        // each record's events form a valid sequence: no update before its create, no double delete
        for (String id : ids) {
            boolean alive = false;
            for (ChangeEvent event : eventsOf(id)) {
                switch (event.op()) {
                    case READ, CREATE, UNDELETE -> {
                        assertFalse(alive, "created twice: " + id);
                        alive = true;
                    }
                    case UPDATE -> assertTrue(alive, "update of a dead record: " + id);
                    case DELETE -> {
                        assertTrue(alive, "double delete: " + id);
                        alive = false;
                    }
                }
            }
        }
    }

    private void mutate(Random random, Set<String> ids) {
        int writes = random.nextInt(4);
        for (int i = 0; i < writes; i++) {
            List<String> alive = List.copyOf(crm.records("Account").keySet());
            int action = random.nextInt(10);
            if (action < 3 || alive.isEmpty()) {
                ids.add(crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "N" + random.nextInt(1000))));
            } else if (action < 8) {
                crm.update("Account", alive.get(random.nextInt(alive.size())), InMemoryCrm.ADMIN,
                        Map.of("Name", "U" + random.nextInt(1000)));
            } else if (action < 9) {
                crm.delete("Account", alive.get(random.nextInt(alive.size())));
            } else {
                List<String> deleted = ids.stream().filter(id -> !crm.records("Account").containsKey(id)).toList();
                if (!deleted.isEmpty()) {
                    try {
                        crm.undelete("Account", deleted.get(random.nextInt(deleted.size())));
                    } catch (NullPointerException ignored) {
                        // that one was never in the recycle bin
                    }
                }
            }
        }
    }

    /** An org whose queryAll no longer returns deleted rows (purged): only getDeleted reports them. */
    private static final class HidingDeletedRows implements CrmSource {
        private final InMemoryCrm delegate;

        HidingDeletedRows(InMemoryCrm delegate) {
            this.delegate = delegate;
        }

        @Override
        public CrmSession login() {
            return delegate.login();
        }

        @Override
        public ObjectDescription describe(String object) {
            return delegate.describe(object);
        }

        @Override
        public RecordPage changedSince(String object, List<String> fields, Instant from, boolean includeDeleted) {
            return delegate.changedSince(object, fields, from, false);
        }

        @Override
        public RecordPage readAll(String object, List<String> fields) {
            return delegate.readAll(object, fields);
        }

        @Override
        public RecordPage more(String queryLocator) {
            return delegate.more(queryLocator);
        }

        @Override
        public List<DeletedRecord> deletedBetween(String object, Instant start, Instant end) {
            return delegate.deletedBetween(object, start, end);
        }

        @Override
        public Instant serverTime() {
            return delegate.serverTime();
        }

        @Override
        public Map<String, String> userNames(java.util.Collection<String> userIds) {
            return delegate.userNames(userIds);
        }

        @Override
        public String userIdByUsername(String username) {
            return delegate.userIdByUsername(username);
        }
    }
}
