package dev.planbridge.support.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.testkit.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Against the in-JVM broker: the thread consumes, survives a failing round with a fresh consumer, and stops. */
class ConsumerThreadTest {

    private final KafkaClientProperties kafka = new KafkaClientProperties(KafkaBroker.bootstrapServers());

    @Test
    void shouldRetryWithAFreshConsumerAfterAFailureAndReportTheProblemUntilHealthy() throws Exception {
        String topic = "consumer-thread-" + UUID.randomUUID();
        KafkaBroker.createTopics(1, topic);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.reliableProducer("test",
                Duration.ofSeconds(10)))) {
            producer.send(new ProducerRecord<>(topic, "k", "first")).get();
        }
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicInteger consumers = new AtomicInteger();
        ConsumerThread[] holder = new ConsumerThread[1];
        ConsumerThread thread = new ConsumerThread("test-consumer", () -> properties(topic), Duration.ofMillis(50),
                Duration.ofMillis(100), consumer -> {
                    if (consumers.incrementAndGet() == 1) {
                        throw new IllegalStateException("first consumer breaks");
                    }
                    consumer.subscribe(List.of(topic));
                    while (holder[0].running()) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                            seen.add(record.value());
                            holder[0].healthy();
                        }
                    }
                });
        holder[0] = thread;
        thread.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(List.of("first"), seen);
            assertTrue(consumers.get() >= 2, "a fresh consumer after the failure");
            assertNull(thread.problem(), "healthy again after a successful round");
        } finally {
            thread.stop(Duration.ofSeconds(10));
        }
        assertTrue(!thread.running());
    }

    @Test
    void shouldReportWhatFailsWhileItKeepsFailing() throws Exception {
        ConsumerThread thread = new ConsumerThread("always-failing", () -> properties("none"), Duration.ofMillis(50),
                Duration.ofMillis(100), consumer -> {
                    throw new IllegalStateException("no luck");
                });
        thread.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (thread.problem() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertNotNull(thread.problem());
            assertTrue(thread.problem().contains("no luck"), thread.problem());
        } finally {
            thread.stop(Duration.ofSeconds(5));
        }
    }

    private Properties properties(String topic) {
        Properties props = kafka.committedReadConsumer("test-" + topic);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }
}
