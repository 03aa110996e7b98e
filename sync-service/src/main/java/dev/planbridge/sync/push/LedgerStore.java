package dev.planbridge.sync.push;

import dev.planbridge.contracts.Topics;
import dev.planbridge.contracts.sync.PushOutcome;
import dev.planbridge.contracts.sync.SyncCompleted;
import dev.planbridge.support.outbox.Outbox;
import dev.planbridge.sync.domain.OwnHistory;
import dev.planbridge.sync.domain.PlanOutcomes;
import dev.planbridge.sync.domain.SObjectType;
import dev.planbridge.sync.domain.StepRetries;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The push ledger in PostgreSQL: pushes, their operations, conflicts and references, and the leases on them.
 * The events that must not be lost ({@code SyncConflict}, {@code SyncCompleted}) go into the outbox in the same
 * transaction as the change that causes them.
 */
@ApplicationScoped
public class LedgerStore {

    private static final List<String> PROBLEM_STATUSES = List.of(PushOperation.Status.FAILED.name(),
            PushOperation.Status.SKIPPED.name());

    private final Outbox outbox;

    public LedgerStore(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The counts of a finished push for its report and its {@code SyncCompleted} event. */
    public record Tally(long planned, long written, long unchanged, long conflicts, long failed) {
        static final Tally NONE = new Tally(0, 0, 0, 0, 0);
    }

    /** An outcome of one operation, written in bulk after each call. */
    public record OperationOutcome(long id, PushOperation.Status status, String sfId, String errorCode, String error,
                                   boolean countAttempt) {
    }

    EntityManager em() {
        return Panache.getEntityManager();
    }

    @Transactional
    public Push find(UUID id) {
        return Push.findById(id);
    }

    @Transactional
    public Push create(Push push) {
        push.persist();
        return push;
    }

    /** Takes the push for this replica when nobody holds it or the holder's lease ran out. */
    @Transactional
    public boolean acquireLease(UUID pushId, String owner, Duration ttl) {
        return em().createNativeQuery("""
                UPDATE push SET lease_owner = ?1, lease_until = now() + make_interval(secs => ?2),
                       started_at = coalesce(started_at, now())
                 WHERE id = ?3 AND status IN ('QUEUED', 'WAITING', 'WRITING')
                   AND (lease_owner IS NULL OR lease_owner = ?1 OR lease_until < now())""")
                .setParameter(1, owner).setParameter(2, (double) ttl.toMillis() / 1000).setParameter(3, pushId)
                .executeUpdate() == 1;
    }

    /** Extends the lease; false when another replica took the push over meanwhile. */
    @Transactional
    public boolean renewLease(UUID pushId, String owner, Duration ttl) {
        return em().createNativeQuery("""
                UPDATE push SET lease_until = now() + make_interval(secs => ?2) WHERE id = ?3 AND lease_owner = ?1""")
                .setParameter(1, owner).setParameter(2, (double) ttl.toMillis() / 1000).setParameter(3, pushId)
                .executeUpdate() == 1;
    }

    @Transactional
    public void releaseLease(UUID pushId, String owner) {
        em().createNativeQuery("UPDATE push SET lease_owner = NULL, lease_until = NULL WHERE id = ?2 AND lease_owner = ?1")
                .setParameter(1, owner).setParameter(2, pushId).executeUpdate();
    }

    /** Pushes that need work and that no live replica holds. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<UUID> claimable(int limit) {
        List<Object> ids = em().createNativeQuery("""
                SELECT id FROM push WHERE status IN ('QUEUED', 'WAITING', 'WRITING')
                   AND (lease_owner IS NULL OR lease_until < now()) AND (not_before IS NULL OR not_before <= now())
                 ORDER BY created_at LIMIT ?1""").setParameter(1, limit).getResultList();
        return ids.stream().map(id -> (UUID) id).toList();
    }

    @Transactional
    public void waitUntil(UUID pushId, Instant notBefore, String reason) {
        Push push = Push.findById(pushId);
        push.status = Push.Status.WAITING.name();
        push.notBefore = notBefore;
        push.planAttempts++;
        push.error = reason;
    }

    @Transactional
    public void fail(UUID pushId, String reason, long apiCalls) {
        Push push = Push.findById(pushId);
        push.status = Push.Status.FAILED.name();
        push.outcome = "FAILED";
        push.error = reason;
        push.finishedAt = Instant.now();
        push.apiCalls += apiCalls;
        announceCompleted(push, PushOutcome.FAILED, Tally.NONE);
    }

    /**
     * Records that {@code step} of the push failed: it is retried after a wait (a push that has not started writing
     * shows WAITING), or, after too many failures of the same step in a row, the push ends FAILED with the reason.
     * Returns null when the push is gone or already finished.
     */
    @Transactional
    public StepRetries.Decision stepFailed(UUID pushId, String step, String error, StepRetries retries, long apiCalls) {
        Push push = Push.findById(pushId);
        if (push == null || push.finished()) {
            return null;
        }
        StepRetries.Decision decision = retries.failed(push.failedStep, push.stepFailures, step, error);
        push.failedStep = step;
        push.stepFailures = decision.failures();
        if (decision instanceof StepRetries.Retry retry) {
            if (!Push.Status.WRITING.name().equals(push.status)) {
                push.status = Push.Status.WAITING.name();
            }
            push.notBefore = Instant.now().plus(retry.delay());
            push.error = retry.reason();
        } else {
            fail(pushId, decision.reason(), apiCalls);
        }
        return decision;
    }

    /** Salesforce ids by {@code Object|naturalKey}: records that existed before the push and those it created. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Map<String, String> refs(UUID pushId) {
        Map<String, String> refs = new HashMap<>();
        List<Object[]> rows = em().createNativeQuery("""
                SELECT object, natural_key, sf_id FROM push_ref WHERE push_id = ?1
                UNION ALL
                SELECT object, natural_key, sf_id FROM push_operation
                 WHERE push_id = ?1 AND op = 'CREATE' AND status = 'SUCCEEDED' AND sf_id IS NOT NULL""")
                .setParameter(1, pushId).getResultList();
        for (Object[] row : rows) {
            refs.put(row[0] + "|" + row[1], (String) row[2]);
        }
        return refs;
    }

    @Transactional
    public List<PushOperation> operations(UUID pushId, PushOperation.Status status) {
        return PushOperation.list("pushId = ?1 and status = ?2 order by stage, id", pushId, status.name());
    }

    @Transactional
    public void markSent(Map<Long, Map<String, String>> sentValues) {
        Instant now = Instant.now();
        for (Map.Entry<Long, Map<String, String>> entry : sentValues.entrySet()) {
            PushOperation op = PushOperation.findById(entry.getKey());
            op.status = PushOperation.Status.SENT.name();
            op.sent = entry.getValue();
            op.attempts++;
            op.updatedAt = now;
        }
    }

    @Transactional
    public void record(List<OperationOutcome> outcomes, UUID pushId, long apiCallsDelta) {
        Instant now = Instant.now();
        for (OperationOutcome outcome : outcomes) {
            PushOperation op = PushOperation.findById(outcome.id());
            op.status = outcome.status().name();
            if (outcome.sfId() != null) {
                op.sfId = outcome.sfId();
            }
            op.errorCode = outcome.errorCode();
            op.error = outcome.error();
            op.updatedAt = now;
        }
        if (apiCallsDelta != 0) {
            em().createNativeQuery("UPDATE push SET api_calls = api_calls + ?1 WHERE id = ?2")
                    .setParameter(1, apiCallsDelta).setParameter(2, pushId).executeUpdate();
        }
    }

    /** Operations SENT whose outcome is unknown go back to PENDING (updates and deletes are safe to resend). */
    @Transactional
    public void resetToPending(List<Long> ids) {
        for (Long id : ids) {
            PushOperation op = PushOperation.findById(id);
            op.status = PushOperation.Status.PENDING.name();
            op.updatedAt = Instant.now();
        }
    }

    /**
     * What earlier pushes wrote, for the "own changes are not conflicts" rule. Territories and their associations
     * belong to one Territory2Model, and their natural keys (DeveloperName, user or account + territory key) repeat
     * in every plan's model: for them only pushes into {@code model} count, or a second plan's push would take the
     * first plan's territories for its own and flag all of them as conflicts.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public OwnHistory history(UUID excludingPush, String model) {
        List<UUID> sameModel = new ArrayList<>();
        // Only what names the model; the pushes' reports and other columns are not needed here.
        for (Object[] push : (List<Object[]>) em().createNativeQuery(
                "SELECT id, plan_id, options ->> '" + PushSettings.MODEL + "' FROM push").getResultList()) {
            if (model.equals(PushSettings.modelOf((String) push[2], (String) push[1]))) {
                sameModel.add((UUID) push[0]);
            }
        }
        if (sameModel.isEmpty()) {
            sameModel.add(excludingPush); // never matches below; keeps the IN list valid
        }
        Map<String, Map<String, String>> last = new HashMap<>();
        List<Object[]> rows = em().createNativeQuery("""
                SELECT DISTINCT ON (object, natural_key) object, natural_key, CAST(sent AS text)
                  FROM push_operation
                 WHERE status = 'SUCCEEDED' AND op IN ('CREATE', 'UPDATE') AND push_id <> ?1
                   AND (object NOT IN (?2) OR push_id IN (?3))
                 ORDER BY object, natural_key, updated_at DESC""")
                .setParameter(1, excludingPush)
                .setParameter(2, MODEL_SCOPED.stream().map(SObjectType::apiName).toList())
                .setParameter(3, sameModel)
                .getResultList();
        for (Object[] row : rows) {
            last.put(row[0] + "|" + row[1], Json.toStringMap((String) row[2]));
        }
        return (SObjectType object, String key) -> last.get(object.apiName() + "|" + key);
    }

    private static final List<SObjectType> MODEL_SCOPED = List.of(SObjectType.TERRITORY2,
            SObjectType.USER_TERRITORY2_ASSOCIATION, SObjectType.OBJECT_TERRITORY2_ASSOCIATION);

    /** Marks the push completed and queues its {@code SyncCompleted}, with the plan's outcome over all its pushes. */
    @Transactional
    public void complete(UUID pushId, PushOutcome outcome, Map<String, Object> report, Tally tally) {
        Push push = Push.findById(pushId);
        push.status = Push.Status.COMPLETED.name();
        push.outcome = outcome.name();
        push.report = report;
        push.finishedAt = Instant.now();
        push.leaseOwner = null;
        push.leaseUntil = null;
        announceCompleted(push, outcome, tally);
    }

    private void announceCompleted(Push push, PushOutcome outcome, Tally tally) {
        PushOutcome planOutcome = null;
        Long openConflicts = null;
        if (!push.dryRun() && !Push.Kind.UNDO.name().equals(push.kind)) {
            em().flush();
            boolean followUp = Push.Kind.FOLLOW_UP.name().equals(push.kind);
            if (followUp && outcome != PushOutcome.FAILED) {
                markResolutionsApplied(push);
            }
            PlanState state = planState(push);
            openConflicts = state.openConflicts();
            planOutcome = PlanOutcomes.of(outcome, followUp, state.openConflicts(), state.problems());
        }
        SyncCompleted event = new SyncCompleted(SyncCompleted.SCHEMA_VERSION,
                Outbox.eventId("SyncCompleted", push.id.toString()), push.id.toString(), push.planId,
                push.planVersion == null ? 0 : push.planVersion, push.mode, outcome, tally.planned(),
                push.dryRun() ? 0 : tally.written(), tally.unchanged(), tally.conflicts(), tally.failed(), push.apiCalls,
                push.startedAt, push.finishedAt, planOutcome, openConflicts);
        outbox.add("plan", push.planId, "SyncCompleted", Topics.SYNC_COMPLETED, event.eventId(), event);
    }

    /**
     * A finished follow-up applied the resolutions its planning read: those made before it started (one made while
     * it ran may have come too late, so it stays open until the next follow-up).
     */
    private void markResolutionsApplied(Push followUp) {
        em().createNativeQuery("""
                UPDATE push_conflict SET applied_push_id = ?1
                 WHERE push_id = ?2 AND resolution IS NOT NULL AND applied_push_id IS NULL AND resolved_at <= ?3""")
                .setParameter(1, followUp.id).setParameter(2, followUp.parentPushId)
                .setParameter(3, ts(followUp.startedAt == null ? Instant.now() : followUp.startedAt))
                .executeUpdate();
    }

    /** What the plan's pushes left open, counted from its latest completed full apply push and the follow-ups since. */
    private record PlanState(long openConflicts, long problems) {
    }

    @SuppressWarnings("unchecked")
    private PlanState planState(Push push) {
        List<Object[]> roots = em().createNativeQuery("""
                SELECT id, created_at FROM push
                 WHERE plan_id = ?1 AND mode = 'apply' AND kind = 'PUSH' AND status = 'COMPLETED'
                 ORDER BY created_at DESC LIMIT 1""").setParameter(1, push.planId).getResultList();
        if (roots.isEmpty()) {
            // No full push of the plan completed (this one failed, or a follow-up outlived it): count this push only.
            long open = PushConflict.count("pushId = ?1 and held = true and (resolution is null or appliedPushId is null)",
                    push.id);
            return new PlanState(open, PushOperation.count("pushId = ?1 and status in ?2", push.id, PROBLEM_STATUSES));
        }
        UUID rootId = (UUID) roots.get(0)[0];
        Object rootCreated = roots.get(0)[1];
        long open = ((Number) em().createNativeQuery("""
                SELECT count(*) FROM push_conflict c JOIN push p ON p.id = c.push_id
                 WHERE p.plan_id = ?1 AND p.mode = 'apply' AND p.kind IN ('PUSH', 'FOLLOW_UP') AND p.status = 'COMPLETED'
                   AND p.created_at >= ?2
                   AND c.held AND (c.resolution IS NULL OR c.applied_push_id IS NULL)""")
                .setParameter(1, push.planId).setParameter(2, rootCreated).getSingleResult()).longValue();
        // Follow-ups write only resolved records: failed and invalid records of the full push stay as they were.
        long problems = PushOperation.count("pushId in ?1 and status in ?2", List.of(rootId, push.id), PROBLEM_STATUSES);
        return new PlanState(open, problems);
    }

    /** Per object and operation: how many operations ended in each status. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Long>> statusCounts(UUID pushId) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        List<Object[]> rows = em().createNativeQuery("""
                SELECT object, op, status, count(*) FROM push_operation WHERE push_id = ?1
                 GROUP BY object, op, status ORDER BY object, op, status""").setParameter(1, pushId).getResultList();
        for (Object[] row : rows) {
            counts.computeIfAbsent(row[0] + " " + row[1], k -> new LinkedHashMap<>())
                    .put((String) row[2], ((Number) row[3]).longValue());
        }
        return counts;
    }

    @Transactional
    public long conflictCount(UUID pushId) {
        return PushConflict.count("pushId", pushId);
    }

    @Transactional
    public long writeCount(UUID pushId) {
        return PushOperation.count("pushId = ?1 and op <> ?2", pushId, PushOperation.NONE);
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
