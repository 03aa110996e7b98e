package dev.planbridge.support.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one place that builds properties for the Kafka clients a service makes itself (not the SmallRye channels):
 * every client gets the configured bootstrap servers and String keys and values; each caller adds its own
 * settings (group, isolation level, timeouts) to the copy it gets.
 */
@ApplicationScoped
public class KafkaClientProperties {

    private final String bootstrapServers;

    @Inject
    public KafkaClientProperties(KafkaConfig config) {
        this(config.bootstrapServers());
    }

    /** For clients made outside CDI (tests, tools). */
    public KafkaClientProperties(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Bootstrap servers only: for admin clients and transactional producers that set the rest themselves. */
    public Properties common() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /**
     * An idempotent producer (acks=all) that gives up within {@code timeout}: callers that retry whole batches
     * themselves must learn of a failure within one of their own send timeouts.
     */
    public Properties reliableProducer(String clientId, Duration timeout) {
        Properties props = common();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE - 1000, Math.max(1, timeout.toMillis()));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeoutMs));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs));
        // delivery.timeout.ms must be at least linger.ms + request.timeout.ms
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs + 1000));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return props;
    }

    /**
     * A consumer that sees committed records only (aborted transactions of the change feed never show) and
     * commits its offsets itself, after it handled what it read.
     */
    public Properties committedReadConsumer(String clientId) {
        Properties props = common();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }
}
