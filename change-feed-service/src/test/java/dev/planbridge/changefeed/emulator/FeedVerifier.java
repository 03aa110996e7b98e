package dev.planbridge.changefeed.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.Operation;
import dev.planbridge.emulator.org.ChangeLogEntry;
import dev.planbridge.emulator.org.Org;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The exactly-once check shared by the crash tests: what a read_committed consumer sees on an object's change topic,
 * compared with the emulator's own change log and with the org's current records.
 */
public final class FeedVerifier {

    /**
     * Which logged change a published one may stand for. A poll sees each record's latest version only, so several
     * changes between two polls collapse into one event: created then updated is published as a create (stamped with
     * the update), deleted then undeleted as an update, undeleted then updated as an undelete.
     */
    private static final Map<Operation, Set<ChangeLogEntry.Op>> COLLAPSES = Map.of(
            Operation.CREATE, Set.of(ChangeLogEntry.Op.CREATE, ChangeLogEntry.Op.UPDATE, ChangeLogEntry.Op.UNDELETE),
            Operation.UPDATE, Set.of(ChangeLogEntry.Op.UPDATE, ChangeLogEntry.Op.UNDELETE),
            Operation.DELETE, Set.of(ChangeLogEntry.Op.DELETE),
            Operation.UNDELETE, Set.of(ChangeLogEntry.Op.UNDELETE, ChangeLogEntry.Op.UPDATE));

    private FeedVerifier() {
    }

    /**
     * Asserts that every event on {@code topic} is distinct by eventId, stands for a change in the org's change log
     * {@code log} (or predates it), and that replaying the topic rebuilds the org's live records of {@code object}
     * at their latest SystemModstamp. Returns the events, ordered by SystemModstamp.
     */
    public static List<ChangeEvent> verify(String bootstrapServers, String object, String topic, Org org,
            List<ChangeLogEntry> log, int minimumMatched) {
        List<ChangeEvent> events = readCommitted(bootstrapServers, topic);
        assertEquals(events.size(), events.stream().map(ChangeEvent::eventId).distinct().count(),
                object + ": a read_committed consumer sees every change at most once");

        // each published change is a change the org really made (same record, stamp and kind)
        Map<String, ChangeLogEntry> byVersion = new HashMap<>();
        for (ChangeLogEntry entry : log) {
            if (entry.object().equals(object)) {
                byVersion.put(entry.id() + "@" + entry.systemModstamp().toEpochMilli(), entry);
            }
        }
        int matched = 0;
        for (ChangeEvent event : events) {
            if (event.op() == Operation.READ) {
                continue;
            }
            ChangeLogEntry entry = byVersion.get(event.id() + "@" + event.source().systemModstamp().toEpochMilli());
            if (entry != null) {
                matched++;
                assertTrue(COLLAPSES.get(event.op()).contains(entry.op()),
                        object + " " + event.id() + ": " + event.op() + " published for a logged " + entry.op());
            } else {
                // only changes older than the test (the snapshot's era) may be unknown to this part of the log
                assertTrue(log.isEmpty() || event.source().systemModstamp().isBefore(log.get(0).systemModstamp()),
                        object + ": published change not in the org's change log: " + event);
            }
        }

        // every record's latest version is published once, and replaying the stream rebuilds the org
        Map<String, Map<String, Object>> replayed = replay(events);
        Set<String> live = new HashSet<>();
        for (Map<String, Object> record : org.records(object)) {
            String id = (String) record.get("Id");
            live.add(id);
            Map<String, Object> image = replayed.get(id);
            assertNotNull(image, object + " " + id + " missing from the stream");
            assertEquals(String.valueOf(record.get("Name")), String.valueOf(image.get("Name")), object + " " + id);
            Instant stamp = Instant.parse(String.valueOf(image.get("SystemModstamp")));
            assertEquals(((Instant) record.get("SystemModstamp")).toEpochMilli(), stamp.toEpochMilli(),
                    object + " " + id + " latest version");
        }
        assertEquals(live, replayed.keySet(), object + ": deleted records are deleted in the stream too");
        assertTrue(matched >= minimumMatched, object + ": incremental changes were captured: " + matched);
        long logged = log.stream().filter(e -> e.object().equals(object)).count();
        System.out.printf("%s: %d change-log entries, %d events (%d matched to the log; updates of one record "
                + "between two polls collapse into one)%n", object, logged, events.size(), matched);
        return events;
    }

    /** True when replaying the topic gives exactly the org's live records at their latest stamps (no assertion). */
    public static boolean caughtUp(String bootstrapServers, String object, String topic, Org org) {
        Map<String, Map<String, Object>> replayed = replay(readCommitted(bootstrapServers, topic));
        List<Map<String, Object>> records = org.records(object);
        if (records.size() != replayed.size()) {
            return false;
        }
        for (Map<String, Object> record : records) {
            Map<String, Object> image = replayed.get((String) record.get("Id"));
            if (image == null || !String.valueOf(image.get("SystemModstamp")).equals(
                    String.valueOf(record.get("SystemModstamp")))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Map<String, Object>> replay(List<ChangeEvent> events) {
        Map<String, Map<String, Object>> replayed = new HashMap<>();
        for (ChangeEvent event : events) {
            if (event.op() == Operation.DELETE) {
                replayed.remove(event.id());
            } else {
                replayed.put(event.id(), event.after());
            }
        }
        return replayed;
    }

    /** Everything committed on the topic, read with isolation level read_committed, ordered by SystemModstamp. */
    public static List<ChangeEvent> readCommitted(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "verify-" + UUID.randomUUID());
        List<ChangeEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    events.add(ContractsJson.read(record.value(), ChangeEvent.class));
                }
            }
        }
        // per-record order holds within a partition; across partitions order by stamp for the replay
        events.sort(Comparator.comparing((ChangeEvent e) -> e.source().systemModstamp()));
        return events;
    }
}
