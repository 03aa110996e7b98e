package dev.planbridge.changefeed.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.FieldDescribe;
import dev.planbridge.contracts.feed.Operation;
import dev.planbridge.contracts.feed.SchemaChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 17: the captured fields follow the org's describe; each change of the list is announced once. */
class SchemaFollowingTest {

    private static final ObjectSpec EVERY_FIELD =
            new ObjectSpec("Account", FieldSelection.everyField(), ObjectSpec.Strategy.INCREMENTAL);
    private static final Duration DESCRIBE_INTERVAL = Duration.ofMinutes(5);

    private InMemoryCrm crm;
    private InMemoryStore store;
    private final Clock clock = new Clock() {
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
            return Instant.ofEpochMilli(crm.nowMillis + 250);
        }
    };
    private final CaptureSettings settings =
            new CaptureSettings(Duration.ofSeconds(10), Duration.ofDays(15), Duration.ZERO, 2, DESCRIBE_INTERVAL);

    @BeforeEach
    void setUp() {
        crm = new InMemoryCrm().object("Account", "Name", "Industry");
        store = new InMemoryStore();
    }

    private CaptureEngine engine(ObjectSpec spec) {
        CaptureEngine engine = new CaptureEngine(spec, crm, store, settings, null, CaptureListener.NONE, clock);
        engine.start();
        return engine;
    }

    private List<ChangeEvent> eventsOf(String id) {
        return store.published.stream().filter(e -> e.id().equals(id)).toList();
    }

    private static List<String> names(List<FieldDescribe> fields) {
        return fields.stream().map(FieldDescribe::name).toList();
    }

    @Test
    void shouldCaptureEveryDescribedFieldAndAnnounceTheFirstListOnce() {
        String id = crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "Acme", "Industry", "Energy"));
        engine(EVERY_FIELD).poll();
        engine(EVERY_FIELD).poll(); // a restart with the same describe announces nothing

        assertEquals(1, store.schemaChanges.size());
        SchemaChanged first = store.schemaChanges.get(0);
        assertEquals(List.of("Id", "SystemModstamp", "LastModifiedById", "Name", "Industry"), first.fields());
        assertEquals(first.fields(), names(first.added()));
        assertEquals(List.of(), first.removed());
        Map<String, Object> image = eventsOf(id).get(0).after();
        assertEquals(List.of("Id", "SystemModstamp", "LastModifiedById", "Name", "Industry"), List.copyOf(image.keySet()));
        assertEquals("Energy", image.get("Industry"));
    }

    @Test
    void shouldAddAFieldOnTheScheduledDescribeAndListItOnlyWhereItsValueChanged() {
        String tiered = crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "Tiered", "Industry", "Energy"));
        String renamed = crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "Old Name", "Industry", "Energy"));
        CaptureEngine engine = engine(EVERY_FIELD);
        engine.poll();

        crm.addField("Account", "Tier__c");
        assertEquals(0, engine.poll(), "no record changed: the new field alone publishes nothing");
        assertEquals(1, store.schemaChanges.size(), "not yet described");
        crm.nowMillis += DESCRIBE_INTERVAL.toMillis();
        crm.update("Account", tiered, InMemoryCrm.ADMIN, Map.of("Tier__c", "Gold"));
        crm.update("Account", renamed, InMemoryCrm.ADMIN, Map.of("Name", "New Name"));
        assertEquals(2, engine.poll());

        SchemaChanged added = store.schemaChanges.get(1);
        assertEquals(List.of("Tier__c"), names(added.added()));
        assertEquals(List.of(), added.removed());
        ChangeEvent tier = eventsOf(tiered).get(1);
        assertEquals(List.of("Tier__c"), tier.changedFields());
        assertEquals("Gold", tier.after().get("Tier__c"));
        ChangeEvent rename = eventsOf(renamed).get(1);
        assertEquals(List.of("Name"), rename.changedFields(), "a field that merely appeared is no change");
        assertTrue(rename.after().containsKey("Tier__c"), "images carry every captured field");
        assertEquals(0, engine.poll(), "nothing twice");
    }

    @Test
    void shouldFollowAFieldRemovedMidPollWithoutLossOrDuplicates() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "Account " + i, "Industry", "Energy")));
        }
        CaptureEngine engine = engine(EVERY_FIELD);
        engine.poll();
        for (String id : ids) {
            crm.update("Account", id, InMemoryCrm.ADMIN, Map.of("Name", "Renamed " + id));
        }
        // the administrator removes Industry while the poll reads its second page (3 rows a page, 2 per commit)
        crm.beforeMore = () -> {
            crm.beforeMore = () -> null;
            crm.removeField("Account", "Industry");
            return new CrmException(CrmException.INVALID_FIELD, "No such column 'Industry' on entity 'Account'");
        };
        int published = engine.poll();

        assertEquals(8, published, "the poll re-read the describe and went on");
        for (String id : ids) {
            List<Operation> ops = eventsOf(id).stream().map(ChangeEvent::op).toList();
            assertEquals(List.of(Operation.READ, Operation.UPDATE), ops, id + ": each change exactly once");
            assertEquals(List.of("Name"), eventsOf(id).get(1).changedFields());
        }
        assertEquals(2, store.schemaChanges.size());
        SchemaChanged removed = store.schemaChanges.get(1);
        assertEquals(List.of("Industry"), names(removed.removed()));
        assertEquals("string", removed.removed().get(0).type(), "the removed field keeps its last describe");
        String last = ids.get(ids.size() - 1);
        assertFalse(eventsOf(last).get(1).after().containsKey("Industry"));
        assertEquals(List.of("Id", "SystemModstamp", "LastModifiedById", "Name"), store.position().capturedFields()
                .stream().map(FieldDescribe::name).collect(Collectors.toList()));
        assertEquals(0, engine.poll());
    }

    @Test
    void shouldGoOnWithoutAFixedFieldTheOrgRemovedButRefuseOneItNeverHad() {
        ObjectSpec fixed = new ObjectSpec("Account", List.of("Name", "Industry"), ObjectSpec.Strategy.INCREMENTAL);
        String id = crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "Acme", "Industry", "Energy"));
        engine(fixed).poll();
        crm.removeField("Account", "Industry");
        CaptureEngine restarted = engine(fixed); // captured before: the org removed it, capture goes on
        crm.update("Account", id, InMemoryCrm.ADMIN, Map.of("Name", "Acme 2"));
        assertEquals(1, restarted.poll());
        assertEquals(List.of("Industry"), names(store.schemaChanges.get(1).removed()));

        ObjectSpec never = new ObjectSpec("Account", List.of("Name", "Revenue__c"), ObjectSpec.Strategy.INCREMENTAL);
        CrmException refused = assertThrows(CrmException.class, () -> engine(never));
        assertTrue(refused.isConfigurationError() && refused.getMessage().contains("Revenue__c"), refused.getMessage());
    }

    @Test
    void shouldNotMakeEveryRecordChangedInASnapshotDiffWhenAFieldAppears() {
        ObjectSpec diffed = new ObjectSpec("Account", FieldSelection.everyField(), ObjectSpec.Strategy.SNAPSHOT_DIFF);
        for (int i = 0; i < 4; i++) {
            crm.create("Account", InMemoryCrm.ADMIN, Map.of("Name", "Account " + i));
        }
        CaptureEngine engine = engine(diffed);
        engine.poll();
        crm.addField("Account", "Tier__c");
        crm.nowMillis += DESCRIBE_INTERVAL.toMillis();

        assertEquals(0, engine.poll());
        assertEquals(2, store.schemaChanges.size());
    }

    @Test
    void shouldSelectByIncludeAndExcludePatternsAndRefuseABadOne() {
        crm.addField("Account", "Tier__c");
        crm.addField("Account", "Score__c");
        FieldSelection custom = FieldSelection.fromDescribe(List.of("Name", "*__c"), List.of("score__C"));
        engine(new ObjectSpec("Account", custom, ObjectSpec.Strategy.INCREMENTAL)).poll();

        assertEquals(List.of("Id", "SystemModstamp", "LastModifiedById", "Name", "Tier__c"),
                store.schemaChanges.get(0).fields());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> FieldSelection.fromDescribe(List.of("Name;Phone"), List.of()));
        assertTrue(bad.getMessage().contains("Name;Phone"), bad.getMessage());
    }

    @Test
    void shouldSkipCompoundAndBase64FieldsTheQueryCannotReturn() {
        List<FieldDescribe> describe = List.of(
                field("Name", "string"), field("BillingAddress", "address"), field("BillingCity", "string"),
                field("Location__c", "location"), field("Logo__c", "base64"));
        assertEquals(List.of("Name", "BillingCity"), FieldSelection.everyField().choose(describe));
    }

    private static FieldDescribe field(String name, String type) {
        return new FieldDescribe(name, name, type, "xsd:string", 0, 0, 0, true, name.endsWith("__c"), List.of());
    }
}
