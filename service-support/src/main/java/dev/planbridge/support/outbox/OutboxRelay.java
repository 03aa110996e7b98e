package dev.planbridge.support.outbox;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows in their commit order and marks them sent once Kafka acknowledged them. One replica relays
 * at a time (a transaction-scoped advisory lock), so the order per key holds across replicas; a failed batch stays
 * unsent and is retried whole on the next run. A crash between the acknowledgement and the commit re-sends rows
 * with the same event id, which consumers de-duplicate.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /**
     * Advisory lock key of the relay ("sync-outbox" in ASCII, kept from the sync service's relay so a rolling
     * upgrade never has two relays). Advisory locks are per database, and each service has its own.
     */
    private static final long RELAY_LOCK = 0x73796e632d6f7574L;

    private final OutboxSender sender;
    private final OutboxConfig config;
    private volatile boolean stopping;
    private volatile boolean failing;

    public OutboxRelay(OutboxSender sender, OutboxConfig config) {
        this.sender = sender;
        this.config = config;
    }

    @Scheduled(every = "${outbox.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            int sent;
            do {
                if (stopping) {
                    return;
                }
                sent = publishPending();
            } while (sent == config.batchSize());
            if (failing) {
                failing = false;
                LOG.info("Outbox relay publishes again");
            }
        } catch (RuntimeException e) {
            if (stopping) {
                return; // the database or Kafka went away with the application: the rows go out after the restart
            }
            if (!failing) {
                failing = true;
                LOG.warnf("Outbox relay cannot publish, rows stay queued and are retried: %s", e.getMessage());
            } else {
                LOG.debugf("Outbox relay still failing: %s", e.getMessage());
            }
        }
    }

    /** Publishes one batch of unsent rows in order; returns how many were sent (0 when another replica relays). */
    @Transactional
    @SuppressWarnings("unchecked")
    public int publishPending() {
        var em = Panache.getEntityManager();
        boolean mine = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK).getSingleResult();
        if (!mine) {
            return 0;
        }
        List<OutboxEvent> rows = em.createNativeQuery(
                        "SELECT * FROM outbox_event WHERE sent_at IS NULL ORDER BY seq LIMIT ?1", OutboxEvent.class)
                .setParameter(1, config.batchSize())
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        sender.send(rows);
        Instant now = Instant.now();
        rows.forEach(row -> row.sentAt = now);
        return rows.size();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledPurge() {
        try {
            int deleted = purgeSent();
            if (deleted > 0) {
                LOG.debugf("Outbox: deleted %d sent rows", deleted);
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warnf("Outbox purge failed, will retry: %s", e.getMessage());
            }
        }
    }

    /** Deletes rows sent longer than {@code outbox.retention} ago; unsent rows are never deleted. */
    @Transactional
    public int purgeSent() {
        return Panache.getEntityManager().createNativeQuery(
                        "DELETE FROM outbox_event WHERE sent_at IS NOT NULL AND sent_at < ?1")
                .setParameter(1, Timestamp.from(Instant.now().minus(config.retention())))
                .executeUpdate();
    }

    /** Runs before the other shutdown observers, so a run in progress stops quietly instead of failing on a closed pool. */
    void stop(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }
}
