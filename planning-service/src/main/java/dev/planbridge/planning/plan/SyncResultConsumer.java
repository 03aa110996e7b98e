package dev.planbridge.planning.plan;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.sync.SyncCompleted;
import dev.planbridge.contracts.sync.SyncProgress;
import dev.planbridge.planning.audit.AuditLog;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Moves plans to SYNCING / SYNCED / PARTIALLY_SYNCED from the sync service's events. */
@ApplicationScoped
public class SyncResultConsumer {

    private static final Logger LOG = Logger.getLogger(SyncResultConsumer.class);

    private final AuditLog audit;

    public SyncResultConsumer(AuditLog audit) {
        this.audit = audit;
    }

    @Incoming("sync-completed")
    @Blocking
    @Transactional
    public void completed(String payload) {
        SyncCompleted event;
        try {
            event = ContractsJson.read(payload, SyncCompleted.class);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Skipping unreadable SyncCompleted: %s", e.getMessage());
            return;
        }
        if (!"apply".equals(event.mode()) || event.effectivePlanOutcome() == null) {
            return; // dry runs change nothing in the CRM
        }
        FiscalPlan plan = plan(event.planId());
        if (plan == null) {
            return;
        }
        // The plan's outcome over all its pushes (a follow-up may be SYNCED while other conflicts are still open);
        // senders before schema version 2 only give the push's own outcome.
        PlanStatus result = switch (event.effectivePlanOutcome()) {
            case SYNCED -> PlanStatus.SYNCED;
            case PARTIALLY_SYNCED -> PlanStatus.PARTIALLY_SYNCED;
            case FAILED -> PlanStatus.APPROVED;
        };
        PlanStatus before = plan.status;
        if (plan.markSyncResult(event.pushId(), result, Instant.now()) && before != plan.status) {
            audit.record(plan.id, "sync-service", "sync-completed", "plan", plan.id.toString(),
                    Map.of("status", before), Map.of("status", plan.status, "pushId", String.valueOf(event.pushId()),
                            "written", event.written(), "conflicts", event.conflicts(), "failed", event.failed(),
                            "openConflicts", event.openConflicts() == null ? "unknown" : event.openConflicts()));
        }
    }

    @Incoming("sync-progress")
    @Blocking
    @Transactional
    public void progress(String payload) {
        SyncProgress event;
        try {
            event = ContractsJson.read(payload, SyncProgress.class);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Skipping unreadable SyncProgress: %s", e.getMessage());
            return;
        }
        if (!"WRITING".equals(event.phase())) {
            return;
        }
        FiscalPlan plan = plan(event.planId());
        boolean finishedPush = plan != null && event.pushId() != null && event.pushId().equals(plan.lastPushId)
                && (plan.status == PlanStatus.SYNCED || plan.status == PlanStatus.PARTIALLY_SYNCED);
        if (plan != null && plan.status != PlanStatus.SYNCING && !finishedPush) {
            PlanStatus before = plan.status;
            if (plan.markSyncing(event.pushId(), Instant.now())) {
                audit.record(plan.id, "sync-service", "sync-started", "plan", plan.id.toString(),
                        Map.of("status", before), Map.of("status", plan.status, "pushId", String.valueOf(event.pushId())));
            }
        }
    }

    private static FiscalPlan plan(String planId) {
        try {
            return FiscalPlan.findById(UUID.fromString(planId), LockModeType.PESSIMISTIC_WRITE);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
