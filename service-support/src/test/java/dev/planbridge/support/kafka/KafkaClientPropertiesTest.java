package dev.planbridge.support.kafka;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {

    private final KafkaClientProperties kafka = new KafkaClientProperties("127.0.0.1:19092,127.0.0.1:19093");

    @Test
    void shouldGiveEveryClientTheConfiguredBootstrapServers() {
        assertEquals("127.0.0.1:19092,127.0.0.1:19093", kafka.common().get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("127.0.0.1:19092,127.0.0.1:19093",
                kafka.reliableProducer("p", Duration.ofSeconds(5)).get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("127.0.0.1:19092,127.0.0.1:19093",
                kafka.committedReadConsumer("c").get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    @Test
    void shouldMakeAnIdempotentProducerThatGivesUpWithinTheSendTimeout() {
        Properties props = kafka.reliableProducer("relay", Duration.ofSeconds(3));
        assertEquals("true", props.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("all", props.get(ProducerConfig.ACKS_CONFIG));
        assertEquals("3000", props.get(ProducerConfig.MAX_BLOCK_MS_CONFIG));
        assertEquals("3000", props.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        // Kafka refuses a producer whose delivery timeout is below linger + request timeout: this one must start.
        assertDoesNotThrow(() -> new KafkaProducer<String, String>(props).close(Duration.ZERO));
    }

    @Test
    void shouldMakeAConsumerThatReadsCommittedRecordsAndCommitsItself() {
        Properties props = kafka.committedReadConsumer("history");
        assertEquals("read_committed", props.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
        assertEquals("false", props.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        assertEquals("history", props.get(ConsumerConfig.CLIENT_ID_CONFIG));
        assertDoesNotThrow(() -> new KafkaConsumer<String, String>(props).close());
    }

    @Test
    void shouldHandOutCopiesSoOneCallerCannotChangeAnothersSettings() {
        kafka.committedReadConsumer("a").put(ConsumerConfig.GROUP_ID_CONFIG, "mine");
        assertEquals(null, kafka.committedReadConsumer("b").get(ConsumerConfig.GROUP_ID_CONFIG));
    }
}
