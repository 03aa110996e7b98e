package dev.planbridge.sync.outbox;

import dev.planbridge.sync.SyncConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends outbox rows to Kafka in order and waits until Kafka acknowledged every one (acks=all, idempotent producer,
 * so a batch keeps its order per partition). After a failure the producer is dropped and a fresh one made next time.
 */
@ApplicationScoped
public class OutboxSender {

    private final String bootstrapServers;
    private final Duration sendTimeout;
    private Producer<String, String> producer;

    @Inject
    public OutboxSender(SyncConfig config,
                        @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers) {
        this(bootstrapServers, config.outbox().sendTimeout());
    }

    public OutboxSender(String bootstrapServers, Duration sendTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.sendTimeout = sendTimeout;
    }

    /** Sends the rows; returns only when Kafka acknowledged all of them, else throws {@link SendFailedException}. */
    public synchronized void send(List<OutboxEvent> rows) {
        try {
            Producer<String, String> kafka = producer();
            List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
            for (OutboxEvent row : rows) {
                ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.aggregateid, row.payload);
                record.headers().add(new RecordHeader("eventId", row.id.toString().getBytes(StandardCharsets.UTF_8)));
                record.headers().add(new RecordHeader("eventType", row.type.getBytes(StandardCharsets.UTF_8)));
                acks.add(kafka.send(record));
            }
            kafka.flush();
            long deadline = System.nanoTime() + sendTimeout.toNanos();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discardProducer();
            throw new SendFailedException("interrupted", e);
        } catch (ExecutionException e) {
            discardProducer();
            throw new SendFailedException(String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException | KafkaException e) {
            discardProducer();
            throw new SendFailedException(e.toString(), e);
        }
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "sync-outbox-relay");
            int timeoutMs = (int) Math.min(Integer.MAX_VALUE, sendTimeout.toMillis());
            // The relay retries whole batches itself; the producer must give up within one send timeout.
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeoutMs));
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs));
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs + 1000));
            props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    private void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @PreDestroy
    public synchronized void close() {
        if (producer != null) {
            // Unacknowledged rows stay unsent in the outbox and go out after the restart; no need to wait here.
            producer.close(Duration.ofMillis(500));
            producer = null;
        }
    }

    /** Kafka did not acknowledge a batch; the rows stay in the outbox. */
    public static class SendFailedException extends RuntimeException {
        public SendFailedException(String message, Throwable cause) {
            super("Kafka did not acknowledge the outbox batch: " + message, cause);
        }
    }
}
