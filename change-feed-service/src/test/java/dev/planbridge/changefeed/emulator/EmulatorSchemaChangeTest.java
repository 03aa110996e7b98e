package dev.planbridge.changefeed.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.changefeed.capture.CaptureEngine;
import dev.planbridge.changefeed.capture.CaptureListener;
import dev.planbridge.changefeed.capture.CaptureSettings;
import dev.planbridge.changefeed.capture.FieldSelection;
import dev.planbridge.changefeed.capture.ObjectSpec;
import dev.planbridge.changefeed.capture.kafka.KafkaCaptureStore;
import dev.planbridge.changefeed.capture.kafka.KafkaFeedTopics;
import dev.planbridge.changefeed.salesforce.WscCrmSource;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.FieldDescribe;
import dev.planbridge.contracts.feed.SchemaChanged;
import dev.planbridge.emulator.generate.ActivitySimulator;
import dev.planbridge.emulator.org.ChangeLogEntry;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.testkit.KafkaBroker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's done-criterion for the feed: a custom field added through the emulator's admin API while capture runs
 * (and the activity simulator writes) appears in the next events' images and changedFields, with one event on
 * crm.schema.changes; removed, it disappears; every change is published exactly once across both.
 */
class EmulatorSchemaChangeTest {

    private static final String FIELD = "Renewal_Score__c";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Org org = PrivateOrg.emulator().org();
    private final String admin = org.adminUserId();
    private final List<ChangeEvent> published = Collections.synchronizedList(new ArrayList<>());

    @Test
    void shouldFollowAFieldAddedAndRemovedWhileCaptureRunsWithoutLossOrDuplicates() throws Exception {
        String run = "schematest" + Integer.toHexString(new Random().nextInt(0xfffff));
        Map<String, Object> kafka = Map.of("bootstrap.servers", KafkaBroker.bootstrapServers());
        KafkaFeedTopics topics = new KafkaFeedTopics(kafka, run + ".offsets", 3, (short) 1, Duration.ofDays(1),
                run + ".");
        long firstSequence = org.changeLog().isEmpty() ? 1 : org.changeLog().get(org.changeLog().size() - 1).sequence() + 1;
        CountDownLatch snapshotDone = new CountDownLatch(1);
        CaptureListener listener = new CaptureListener() {
            @Override
            public void published(String object, List<ChangeEvent> events) {
                published.addAll(events);
            }

            @Override
            public void snapshotProgress(String object, long rows, boolean done) {
                if (done) {
                    snapshotDone.countDown();
                }
            }
        };
        CaptureEngine engine = new CaptureEngine(
                new ObjectSpec("Account", FieldSelection.everyField(), ObjectSpec.Strategy.INCREMENTAL),
                new WscCrmSource(PrivateOrg.admin()), new KafkaCaptureStore("Account", topics, run + "-", kafka, null),
                new CaptureSettings(Duration.ofSeconds(3), Duration.ofDays(15), Duration.ZERO, 200,
                        Duration.ofSeconds(1)), null, listener, Clock.systemUTC());
        AtomicBoolean running = new AtomicBoolean(true);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        Thread capture = new Thread(() -> {
            try {
                engine.start();
                while (running.get()) {
                    engine.poll();
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "schema-test-capture");
        ActivitySimulator simulator = new ActivitySimulator(org);
        capture.start();
        try {
            assertTrue(snapshotDone.await(WAIT.toSeconds(), TimeUnit.SECONDS), "snapshot: " + failures);
            simulator.start(30, 23);
            String scored = org.insert(admin, "Account", Map.of("Name", "Scored Account"));
            String renamed = org.insert(admin, "Account", Map.of("Name", "Renamed Account"));

            PrivateOrg.adminCall("POST", "/emulator/schema/Account/fields", """
                    {"name": "%s", "label": "Renewal Score", "type": "double", "precision": 5, "scale": 1,
                     "custom": true}""".formatted(FIELD));
            awaitTrue(() -> schemaChanges(topics).size() == 2, "the added field is announced");
            int addedAt = published.size();
            org.updateRecord(admin, scored, Map.of(FIELD, 7.5));
            org.updateRecord(admin, renamed, Map.of("Name", "Renamed While " + FIELD + " Appeared"));
            awaitTrue(() -> lastEventOf(scored, addedAt) != null && lastEventOf(renamed, addedAt) != null,
                    "both updates captured");
            ChangeEvent scoredEvent = lastEventOf(scored, addedAt);
            ChangeEvent renamedEvent = lastEventOf(renamed, addedAt);

            int beforeRemoval = published.size();
            PrivateOrg.adminCall("DELETE", "/emulator/schema/Account/fields/" + FIELD, null);
            awaitTrue(() -> schemaChanges(topics).size() == 3, "the removed field is announced");
            int removedAt = published.size();
            org.updateRecord(admin, scored, Map.of("Name", "Scored After Removal"));
            awaitTrue(() -> lastEventOf(scored, removedAt) != null, "the update after the removal is captured");
            ChangeEvent afterRemoval = lastEventOf(scored, removedAt);
            simulator.stop();
            awaitTrue(() -> FeedVerifier.caughtUp(KafkaBroker.bootstrapServers(), "Account",
                    topics.changes("Account"), org), "caught up");
            running.set(false);
            capture.join(30_000);
            assertTrue(failures.isEmpty(), "capture never stopped: " + failures);

            List<SchemaChanged> changes = schemaChanges(topics);
            assertEquals(3, changes.size(), "first list, added, removed: each once");
            assertEquals(3, changes.stream().map(SchemaChanged::eventId).distinct().count());
            assertTrue(changes.get(0).fields().containsAll(List.of("Id", "Name", "Phone", "BillingCity")),
                    "every describable field: " + changes.get(0).fields());
            assertFalse(changes.get(0).fields().contains("BillingAddress"), "compound fields are not selected");
            FieldDescribe added = changes.get(1).added().get(0);
            assertEquals(List.of(FIELD), changes.get(1).added().stream().map(FieldDescribe::name).toList());
            assertEquals("double", added.type());
            assertEquals(List.of(), changes.get(1).removed());
            assertEquals(List.of(FIELD), changes.get(2).removed().stream().map(FieldDescribe::name).toList());
            assertFalse(changes.get(2).fields().contains(FIELD));

            assertEquals(7.5, ((Number) scoredEvent.after().get(FIELD)).doubleValue());
            assertTrue(scoredEvent.changedFields().contains(FIELD), scoredEvent.changedFields().toString());
            assertTrue(renamedEvent.after().containsKey(FIELD), "images carry the new field");
            assertNull(renamedEvent.after().get(FIELD));
            assertFalse(renamedEvent.changedFields().contains(FIELD), "appearing is no change: "
                    + renamedEvent.changedFields());
            for (ChangeEvent event : List.copyOf(published.subList(addedAt, beforeRemoval))) {
                assertTrue(event.after() == null || event.after().containsKey(FIELD), event.toString());
            }
            assertFalse(afterRemoval.after().containsKey(FIELD));
            assertFalse(afterRemoval.changedFields().contains(FIELD), afterRemoval.changedFields().toString());
            for (ChangeEvent event : List.copyOf(published.subList(removedAt, published.size()))) {
                assertTrue(event.after() == null || !event.after().containsKey(FIELD), event.toString());
            }

            List<ChangeLogEntry> log = org.changeLogSince(firstSequence - 1);
            FeedVerifier.verify(KafkaBroker.bootstrapServers(), "Account", topics.changes("Account"), org, log, 3);
        } finally {
            simulator.stop();
            running.set(false);
            capture.join(30_000);
            if (org.schema().objectDef("Account").fieldDef(FIELD) != null) {
                PrivateOrg.adminCall("DELETE", "/emulator/schema/Account/fields/" + FIELD, null);
            }
        }
    }

    private ChangeEvent lastEventOf(String id, int from) {
        List<ChangeEvent> events = List.copyOf(published.subList(from, published.size()));
        ChangeEvent last = null;
        for (ChangeEvent event : events) {
            if (event.id().equals(id)) {
                last = event;
            }
        }
        return last;
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            Thread.sleep(200);
        }
    }

    /** The Account schema changes a read_committed consumer sees. */
    private static List<SchemaChanged> schemaChanges(KafkaFeedTopics topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "schema-" + UUID.randomUUID());
        List<SchemaChanged> changes = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.schemaChanges(), Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 10_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    SchemaChanged change = ContractsJson.read(record.value(), SchemaChanged.class);
                    if (change.object().equals("Account")) {
                        changes.add(change);
                    }
                }
            }
        }
        return changes;
    }
}
