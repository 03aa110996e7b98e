package dev.planbridge.support.outbox;

import dev.planbridge.contracts.ContractsJson;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Adds events to the outbox inside the caller's transaction, so an event exists exactly when the change that
 * causes it committed. {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class Outbox {

    /**
     * Stores one event, serialised with {@link ContractsJson}; adding the same event id again is a no-op (a retried
     * transaction cannot queue it twice).
     *
     * @param key the Kafka key (the aggregate's id)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String aggregateType, String key, String type, String topic, String eventId, Object event) {
        Panache.getEntityManager().createNativeQuery("""
                INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, topic, payload, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, UUID.fromString(eventId)).setParameter(2, aggregateType).setParameter(3, key)
                .setParameter(4, type).setParameter(5, topic).setParameter(6, ContractsJson.write(event))
                .setParameter(7, Timestamp.from(Instant.now()))
                .executeUpdate();
    }

    /** A stable event id derived from what the event is about (e.g. "SyncCompleted" and the push id). */
    public static String eventId(String type, String subject) {
        return UUID.nameUUIDFromBytes((type + ":" + subject).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
