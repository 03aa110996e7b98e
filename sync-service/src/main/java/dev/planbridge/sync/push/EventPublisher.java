package dev.planbridge.sync.push;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.sync.SyncProgress;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes push progress on Kafka (key = push id) and to SSE listeners. Progress is best effort: a lost
 * {@code SyncProgress} is superseded by the next one. Conflicts and completions go through the outbox instead
 * ({@link LedgerStore}, {@link dev.planbridge.support.outbox.OutboxRelay}).
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final Emitter<Record<String, String>> progress;
    private final ProgressHub hub;

    public EventPublisher(@Channel("sync-progress") @OnOverflow(OnOverflow.Strategy.DROP) Emitter<Record<String, String>> progress,
                          ProgressHub hub) {
        this.progress = progress;
        this.hub = hub;
    }

    public void progress(SyncProgress event) {
        hub.publish(event);
        send(progress, event.pushId(), ContractsJson.write(event));
    }

    private static void send(Emitter<Record<String, String>> emitter, String key, String json) {
        try {
            emitter.send(Record.of(key, json));
        } catch (RuntimeException e) {
            // Kafka trouble must not stop a push; the ledger and the REST API stay the source of truth.
            LOG.warnf("Could not publish event for %s: %s", key, e.getMessage());
        }
    }
}
