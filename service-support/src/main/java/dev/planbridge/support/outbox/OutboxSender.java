package dev.planbridge.support.outbox;

import dev.planbridge.support.kafka.KafkaClientProperties;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends outbox rows to Kafka in order and waits until Kafka acknowledged every one (acks=all, idempotent producer,
 * so a batch keeps its order per partition). After a failure the producer is dropped and a fresh one made next time.
 * Records carry the {@code eventId} and {@code eventType} headers consumers de-duplicate and dispatch on.
 */
@ApplicationScoped
public class OutboxSender {

    private final KafkaClientProperties kafka;
    private final Duration sendTimeout;
    private final String clientId;
    private Producer<String, String> producer;

    @Inject
    public OutboxSender(KafkaClientProperties kafka, OutboxConfig config,
                        @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this(kafka, config.sendTimeout(), applicationName + "-outbox-relay");
    }

    public OutboxSender(KafkaClientProperties kafka, Duration sendTimeout, String clientId) {
        this.kafka = kafka;
        this.sendTimeout = sendTimeout;
        this.clientId = clientId;
    }

    /** Sends the rows; returns only when Kafka acknowledged all of them, else throws {@link SendFailedException}. */
    public synchronized void send(List<OutboxEvent> rows) {
        try {
            Producer<String, String> kafkaProducer = producer();
            List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
            for (OutboxEvent row : rows) {
                ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.aggregateid, row.payload);
                record.headers().add(new RecordHeader("eventId", row.id.toString().getBytes(StandardCharsets.UTF_8)));
                record.headers().add(new RecordHeader("eventType", row.type.getBytes(StandardCharsets.UTF_8)));
                acks.add(kafkaProducer.send(record));
            }
            kafkaProducer.flush();
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
            producer = new KafkaProducer<>(kafka.reliableProducer(clientId, sendTimeout));
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
