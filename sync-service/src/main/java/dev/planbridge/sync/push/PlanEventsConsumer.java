package dev.planbridge.sync.push;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.plan.PlanApproved;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import io.smallrye.common.annotation.Blocking;

/** Consumes {@code plan.events}: records approvals and starts a push when the approval asks for one. */
@ApplicationScoped
public class PlanEventsConsumer {

    private static final Logger LOG = Logger.getLogger(PlanEventsConsumer.class);

    private final PushService pushes;

    public PlanEventsConsumer(PushService pushes) {
        this.pushes = pushes;
    }

    @Incoming("plan-events")
    @Blocking
    public void onPlanEvent(ConsumerRecord<String, String> record) {
        Header type = record.headers().lastHeader("eventType");
        if (type != null && !PlanApproved.TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        PlanApproved event;
        try {
            event = ContractsJson.read(record.value(), PlanApproved.class);
            if (event.checksum() == null || event.planId() == null) {
                return; // another plan event without a type header
            }
            pushes.approved(event);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Ignored an unreadable plan event at offset %d: %s", record.offset(), e.getMessage());
        }
    }
}
