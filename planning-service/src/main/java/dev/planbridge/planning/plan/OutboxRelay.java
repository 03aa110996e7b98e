package dev.planbridge.planning.plan;

import dev.planbridge.planning.common.PlanningConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka and marks them sent. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so
 * several replicas never publish the same row at once; a row is marked sent only after Kafka acknowledged it
 * (acks=all, idempotent producer). A crash between the acknowledgement and the commit republishes the row with the
 * same eventId, which consumers de-duplicate.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final PlanningConfig config;
    private final String bootstrapServers;
    private volatile Producer<String, String> producer;
    private volatile boolean stopping;

    public OutboxRelay(PlanningConfig config,
                       @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Skipped while the application is not running: during shutdown the scheduler still fires after Hibernate closed
     * (it logged "EntityManagerFactory is closed" every second until the process ended).
     */
    @Scheduled(every = "${planning.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (stopping) {
            return;
        }
        try {
            publishPending();
        } catch (RuntimeException e) {
            if (stopping) {
                return; // a run cut short by the shutdown; its rows are still unsent and go out after the restart
            }
            LOG.warnf("Outbox relay run failed, will retry: %s", e.getMessage());
        }
    }

    /** Publishes one batch; returns how many rows were sent. */
    @Transactional
    @SuppressWarnings("unchecked")
    public int publishPending() {
        List<OutboxEvent> rows = Panache.getEntityManager()
                .createNativeQuery("SELECT * FROM outbox_event WHERE sent_at IS NULL ORDER BY seq LIMIT ?1 "
                        + "FOR UPDATE SKIP LOCKED", OutboxEvent.class)
                .setParameter(1, config.outbox().batchSize())
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        Producer<String, String> kafka = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (OutboxEvent row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.aggregateid, row.payload);
            record.headers().add(new RecordHeader("eventId", row.id.toString().getBytes()));
            record.headers().add(new RecordHeader("eventType", row.type.getBytes()));
            acks.add(kafka.send(record));
        }
        kafka.flush();
        long timeout = config.outbox().sendTimeout().toMillis();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(timeout, TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch", e);
        }
        Instant now = Instant.now();
        for (OutboxEvent row : rows) {
            row.sentAt = now;
        }
        return rows.size();
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "planning-outbox-relay");
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
                    producer = new KafkaProducer<>(props);
                }
            }
        }
        return producer;
    }

    /** Runs before the other shutdown observers. Unacknowledged rows stay unsent, so the producer need not linger. */
    void stop(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
        Producer<String, String> kafka = producer;
        if (kafka != null) {
            kafka.close(java.time.Duration.ofMillis(500));
        }
    }
}
