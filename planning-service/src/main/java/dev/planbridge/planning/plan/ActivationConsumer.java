package dev.planbridge.planning.plan;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.sync.PlanActivated;
import dev.planbridge.planning.audit.AuditLog;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Moves a plan to ACTIVE when sync reports its Territory2Model live ({@code sync.activations}), and the plan that was
 * ACTIVE before it to ARCHIVED (Salesforce archived its model in the same step). A redelivered event changes nothing.
 */
@ApplicationScoped
public class ActivationConsumer {

    private static final Logger LOG = Logger.getLogger(ActivationConsumer.class);

    private final AuditLog audit;

    public ActivationConsumer(AuditLog audit) {
        this.audit = audit;
    }

    @Incoming("sync-activations")
    @Blocking
    @Transactional
    public void activated(String payload) {
        PlanActivated event;
        try {
            event = ContractsJson.read(payload, PlanActivated.class);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Skipping unreadable PlanActivated: %s", e.getMessage());
            return;
        }
        UUID planId;
        try {
            planId = UUID.fromString(event.planId());
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warnf("Skipping PlanActivated for unknown plan %s", event.planId());
            return;
        }
        FiscalPlan plan = FiscalPlan.findById(planId, LockModeType.PESSIMISTIC_WRITE);
        if (plan == null) {
            return;
        }
        Instant at = event.activatedAt() == null ? Instant.now() : event.activatedAt();
        PlanStatus before = plan.status;
        if (!plan.markActive(at)) {
            return;
        }
        audit.record(plan.id, "sync-service", "plan-activated", "plan", plan.id.toString(), Map.of("status", before),
                Map.of("status", plan.status, "activationId", event.activationId(), "modelId", event.modelId(),
                        "archivedQuotas", event.archivedQuotas(), "recreatedQuotas", event.recreatedQuotas(),
                        "forced", event.forced(), "requestedBy", String.valueOf(event.requestedBy())));
        List<FiscalPlan> previous = FiscalPlan.list("status = ?1 and id <> ?2", PlanStatus.ACTIVE, plan.id);
        for (FiscalPlan old : previous) {
            if (old.markArchived(at)) {
                audit.record(old.id, "sync-service", "plan-archived", "plan", old.id.toString(),
                        Map.of("status", PlanStatus.ACTIVE), Map.of("status", old.status, "by", plan.id.toString()));
            }
        }
    }
}
