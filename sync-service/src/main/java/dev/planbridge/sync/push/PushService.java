package dev.planbridge.sync.push;

import dev.planbridge.contracts.plan.PlanApproved;
import dev.planbridge.contracts.sync.SyncProgress;
import dev.planbridge.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Starting pushes (by request, approval event, follow-up or undo) and reading them back. */
@ApplicationScoped
public class PushService {

    private final PushWorker worker;
    private final String autoPush;

    public PushService(PushWorker worker, dev.planbridge.sync.SyncConfig config) {
        this.worker = worker;
        this.autoPush = config.autoPush();
    }

    /** The caller's rights, decided by the resource from the token's roles. */
    public record Caller(String name, boolean mayApply) {
    }

    /** Not allowed for this caller (403). */
    public static class Forbidden extends ProblemException {
        public Forbidden(String message) {
            super(403, "Forbidden", message);
        }
    }

    /** Not possible in the push's current state (409). */
    public static class Conflict extends ProblemException {
        public Conflict(String message) {
            super(409, "Conflict", message);
        }
    }

    public Push start(PushRequest request, Caller caller) {
        Push push = create(request, caller);
        worker.kick();
        return push;
    }

    @Transactional
    Push create(PushRequest request, Caller caller) {
        if (request == null || request.planId() == null || request.planId().isBlank()) {
            throw new IllegalArgumentException("planId is required");
        }
        if (request.planId().length() > 100 || !request.planId().matches("[A-Za-z0-9._:-]+")) {
            throw new IllegalArgumentException("planId must be 1-100 letters, digits, '.', '_', ':' or '-'");
        }
        String mode = request.mode() == null ? Push.DRY_RUN : request.mode();
        if (!mode.equals(Push.DRY_RUN) && !mode.equals(Push.APPLY)) {
            throw new IllegalArgumentException("mode must be dry-run or apply, not '" + mode + "'");
        }
        if (mode.equals(Push.APPLY) && !caller.mayApply()) {
            throw new Forbidden("Only an approver or admin may apply a plan to the CRM; a planner may dry-run it");
        }
        Map<String, Object> settings = PushSettings.of(request.scope(), request.policies(), request.opportunityHandoff(),
                request.model());
        PlanApproval approval = PlanApproval.latest(request.planId());
        return newPush(request.planId(), mode, Push.Kind.PUSH, null, settings, caller.name(),
                approval == null ? null : approval.checksum, approval == null ? null : approval.planVersion);
    }

    private static Push newPush(String planId, String mode, Push.Kind kind, UUID parent, Map<String, Object> settings,
                                String user, String checksum, Long version) {
        Push push = new Push();
        push.id = UUID.randomUUID();
        push.planId = planId;
        push.mode = mode;
        push.kind = kind.name();
        push.parentPushId = parent;
        push.status = Push.Status.QUEUED.name();
        push.options = settings;
        push.requestedBy = user;
        push.planChecksum = checksum;
        push.planVersion = version;
        push.createdAt = Instant.now();
        push.persist();
        return push;
    }

    public Push followUp(UUID pushId, Caller caller) {
        Push push = createFollowUp(pushId, caller);
        worker.kick();
        return push;
    }

    @Transactional
    Push createFollowUp(UUID pushId, Caller caller) {
        requireApplyRight(caller, "push resolved conflicts");
        Push parent = get(pushId);
        if (!parent.finished()) {
            throw new Conflict("Push " + pushId + " is still running");
        }
        if (PushConflict.count("pushId = ?1 and resolution is not null", pushId) == 0) {
            throw new Conflict("Push " + pushId + " has no resolved conflicts to push");
        }
        return newPush(parent.planId, Push.APPLY, Push.Kind.FOLLOW_UP, parent.id, parent.options, caller.name(),
                parent.planChecksum, parent.planVersion);
    }

    public Push undo(UUID pushId, Caller caller) {
        Push push = createUndo(pushId, caller);
        worker.kick();
        return push;
    }

    @Transactional
    Push createUndo(UUID pushId, Caller caller) {
        requireApplyRight(caller, "undo a push");
        Push parent = get(pushId);
        if (parent.dryRun()) {
            throw new Conflict("Push " + pushId + " is a dry run; it wrote nothing to undo");
        }
        if (!parent.finished()) {
            throw new Conflict("Push " + pushId + " is still running; undo it when it has finished");
        }
        if (Push.count("parentPushId = ?1 and kind = ?2 and status <> ?3", pushId, Push.Kind.UNDO.name(),
                Push.Status.FAILED.name()) > 0) {
            throw new Conflict("Push " + pushId + " was already undone");
        }
        return newPush(parent.planId, Push.APPLY, Push.Kind.UNDO, parent.id, parent.options, caller.name(),
                parent.planChecksum, parent.planVersion);
    }

    /** Records an approval; starts an apply push when the event (or the configuration) says so. */
    public void approved(PlanApproved event) {
        if (recordApproval(event)) {
            worker.kick();
        }
    }

    @Transactional
    boolean recordApproval(PlanApproved event) {
        if (event.planId() == null || event.checksum() == null || event.eventId() == null) {
            throw new IllegalArgumentException("PlanApproved without planId, checksum or eventId");
        }
        if (PlanApproval.findById(event.eventId()) != null) {
            return false; // redelivered
        }
        PlanApproval approval = new PlanApproval();
        approval.eventId = event.eventId();
        approval.planId = event.planId();
        approval.planVersion = event.version();
        approval.checksum = event.checksum();
        approval.approvedBy = event.approvedBy();
        approval.approvedAt = event.approvedAt();
        approval.autoPush = "always".equals(autoPush) || ("event".equals(autoPush) && event.autoPush());
        approval.receivedAt = Instant.now();
        if (approval.autoPush) {
            Push push = newPush(event.planId(), Push.APPLY, Push.Kind.PUSH, null,
                    PushSettings.of(null, null, null, null), "plan-approval:" + event.approvedBy(), event.checksum(),
                    event.version());
            approval.pushId = push.id;
        }
        approval.persist();
        return approval.autoPush;
    }

    @Transactional
    public Push get(UUID pushId) {
        Push push = Push.findById(pushId);
        if (push == null) {
            throw new ConflictService.NotFound("No push " + pushId);
        }
        return push;
    }

    @Transactional
    public List<Push> list(String planId, int limit) {
        if (planId == null) {
            return Push.find("order by createdAt desc").page(0, limit).list();
        }
        return Push.find("planId = ?1 order by createdAt desc", planId).page(0, limit).list();
    }

    @Transactional
    public List<PushOperation> operations(UUID pushId, String status, String object, int offset, int limit) {
        get(pushId);
        StringBuilder query = new StringBuilder("pushId = :push");
        Map<String, Object> params = new java.util.HashMap<>(Map.of("push", pushId));
        if (status != null) {
            PushOperation.Status.valueOf(status.toUpperCase(java.util.Locale.ROOT));
            query.append(" and status = :status");
            params.put("status", status.toUpperCase(java.util.Locale.ROOT));
        }
        if (object != null) {
            query.append(" and object = :object");
            params.put("object", dev.planbridge.sync.domain.SObjectType.ofApiName(object).apiName());
        }
        query.append(" order by stage, id");
        return PushOperation.find(query.toString(), params).range(offset, offset + limit - 1).list();
    }

    /** Failed, skipped and held records, for the CSV report. */
    @Transactional
    public List<PushOperation> problems(UUID pushId) {
        get(pushId);
        return PushOperation.list("pushId = ?1 and status in ('FAILED', 'SKIPPED', 'CONFLICT') order by object, naturalKey",
                pushId);
    }

    /** Where a push is now, for the first SSE event. */
    @Transactional
    public SyncProgress snapshot(UUID pushId) {
        Push push = get(pushId);
        long total = PushOperation.count("pushId = ?1 and op <> 'NONE'", pushId);
        long written = PushOperation.count("pushId = ?1 and status = 'SUCCEEDED'", pushId);
        long failed = PushOperation.count("pushId = ?1 and status = 'FAILED'", pushId);
        long conflicts = PushConflict.count("pushId", pushId);
        String phase = push.finished() ? "DONE" : push.status;
        return new SyncProgress(SyncProgress.SCHEMA_VERSION, push.id.toString(), push.planId, phase, null,
                written + failed, total, written, 0, conflicts, failed, push.apiCalls, Instant.now());
    }

    private static void requireApplyRight(Caller caller, String what) {
        if (!caller.mayApply()) {
            throw new Forbidden("Only an approver or admin may " + what);
        }
    }
}
