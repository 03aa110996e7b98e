package dev.planbridge.changefeed.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.changefeed.capture.kafka.KafkaCaptureStore;
import dev.planbridge.changefeed.capture.kafka.KafkaFeedTopics;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.Topics;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.Operation;
import dev.planbridge.testkit.KafkaBroker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The Kafka half of exactly-once, against the real in-JVM broker: the engine is killed at random steps of its
 * transactions (events sent but not committed, committed but not yet applied in memory, ...) and during CRM calls,
 * its producer abandoned open as a kill -9 leaves it; a new engine with the same transactional id takes over. A
 * read_committed consumer must then see every change exactly once.
 */
class KafkaExactlyOnceTest {

    /** Thrown at a crash point: stands for the process dying there. */
    private static final class Killed extends RuntimeException {
        Killed(String step) {
            super("killed at " + step);
        }
    }

    @Test
    void shouldDeliverEveryChangeExactlyOnceToReadCommittedConsumersAcrossHardStops() throws Exception {
        String object = "Crash" + Integer.toHexString(new Random().nextInt(0xffff));
        String offsetsTopic = "test." + object.toLowerCase() + ".offsets";
        InMemoryCrm crm = new InMemoryCrm().object(object, "Name");
        crm.pageSize = 50;
        Map<String, Object> kafka = Map.of("bootstrap.servers", KafkaBroker.bootstrapServers());
        KafkaFeedTopics topics = new KafkaFeedTopics(kafka, offsetsTopic, 2, (short) 1, Duration.ofDays(1));
        ObjectSpec spec = new ObjectSpec(object, List.of("Name"), ObjectSpec.Strategy.INCREMENTAL);
        CaptureSettings settings = new CaptureSettings(Duration.ofSeconds(5), Duration.ofDays(15), Duration.ZERO, 7);
        Random random = new Random(7);
        String[] killAt = {null};
        List<KafkaCaptureStore> abandoned = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            ids.add(crm.create(object, InMemoryCrm.ADMIN, Map.of("Name", "A" + i)));
        }

        int kills = 0;
        CaptureEngine engine = null;
        KafkaCaptureStore store = null;
        for (int round = 0; round < 40; round++) {
            for (int i = random.nextInt(12); i > 0; i--) {
                mutate(crm, object, random, ids);
            }
            List<String> steps = List.of("before-begin", "events-sent", "before-commit", "committed");
            killAt[0] = random.nextInt(3) == 0 ? steps.get(random.nextInt(steps.size())) : null;
            int crmKill = random.nextInt(6) == 0 ? random.nextInt(4) : -1;
            int[] crmCalls = {0};
            crm.fault = () -> crmCalls[0]++ == crmKill ? new Killed("crm call " + crmKill) : null;
            try {
                if (engine == null) {
                    store = new KafkaCaptureStore(object, topics, "crash-test-", kafka,
                            step -> {
                                if (step.equals(killAt[0])) {
                                    throw new Killed(step);
                                }
                            });
                    engine = new CaptureEngine(spec, crm, store, settings, null, CaptureListener.NONE,
                            Clock.systemUTC());
                    engine.start();
                }
                engine.poll();
            } catch (Killed e) {
                kills++;
                abandoned.add(store); // its producer stays open, its transaction unfinished: a zombie
                engine = null;
            }
        }
        crm.fault = () -> null;
        killAt[0] = null;
        CaptureEngine last = new CaptureEngine(spec, crm,
                new KafkaCaptureStore(object, topics, "crash-test-", kafka, null), settings, null,
                CaptureListener.NONE, Clock.systemUTC());
        last.start();
        last.poll();
        last.poll();
        abandoned.forEach(KafkaCaptureStore::close);

        List<ChangeEvent> seen = readCommitted(Topics.changes(object));
        assertTrue(kills >= 10, "hard stops: " + kills);
        assertEquals(seen.size(), seen.stream().map(ChangeEvent::eventId).distinct().count(),
                "a read_committed consumer sees no change twice");
        Map<String, Object> replayed = new HashMap<>();
        for (ChangeEvent event : seen) {
            if (event.op() == Operation.DELETE) {
                replayed.remove(event.id());
            } else {
                replayed.put(event.id(), event.after().get("Name"));
            }
        }
        Map<String, Object> org = crm.records(object).values().stream()
                .collect(Collectors.toMap(r -> (String) r.get("Id"), r -> r.get("Name")));
        assertEquals(org, replayed, "no change lost: replaying the topic rebuilds the org");
        // every stamp the org reached for a live record was published once (updates are not collapsed by crashes)
        for (Map<String, Object> record : crm.records(object).values()) {
            Instant stamp = Instant.parse((String) record.get("SystemModstamp"));
            long matching = seen.stream().filter(e -> e.id().equals(record.get("Id"))
                    && stamp.equals(e.source().systemModstamp())).count();
            assertEquals(1, matching, "latest version of " + record.get("Id"));
        }
    }

    private static void mutate(InMemoryCrm crm, String object, Random random, Set<String> ids) {
        List<String> alive = List.copyOf(crm.records(object).keySet());
        int action = random.nextInt(10);
        if (action < 3 || alive.isEmpty()) {
            ids.add(crm.create(object, InMemoryCrm.ADMIN, Map.of("Name", "N" + random.nextInt(1000))));
        } else if (action < 8) {
            crm.update(object, alive.get(random.nextInt(alive.size())), InMemoryCrm.ADMIN,
                    Map.of("Name", "U" + random.nextInt(1000)));
        } else {
            crm.delete(object, alive.get(random.nextInt(alive.size())));
        }
    }

    static List<ChangeEvent> readCommitted(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "verify-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ChangeEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
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
        return events;
    }
}
