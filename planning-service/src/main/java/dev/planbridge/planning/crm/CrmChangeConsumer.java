package dev.planbridge.planning.crm;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.feed.ChangeEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Feeds the CRM mirror from the change-feed topics, one database transaction per polled batch. */
@ApplicationScoped
public class CrmChangeConsumer {

    public static final String CHANNEL = "crm-changes";
    private static final Logger LOG = Logger.getLogger(CrmChangeConsumer.class);

    private final CrmMirror mirror;

    public CrmChangeConsumer(CrmMirror mirror) {
        this.mirror = mirror;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(List<String> payloads) {
        List<ChangeEvent> events = new ArrayList<>(payloads.size());
        for (String payload : payloads) {
            if (payload == null) {
                continue; // a tombstone carries nothing to apply
            }
            try {
                events.add(ContractsJson.read(payload, ChangeEvent.class));
            } catch (IllegalArgumentException e) {
                // a malformed event cannot be fixed by retrying; log it (without the payload) and move on
                LOG.warnf("Skipping unreadable change event: %s", e.getMessage());
            }
        }
        if (!events.isEmpty()) {
            mirror.apply(events);
        }
    }
}
