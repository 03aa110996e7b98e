package dev.planbridge.sync.push;

import dev.planbridge.contracts.sync.PushOutcome;
import dev.planbridge.contracts.sync.SyncProgress;
import dev.planbridge.sync.SyncConfig;
import dev.planbridge.sync.crm.CrmGateways;
import dev.planbridge.sync.domain.BatchExecutor;
import dev.planbridge.sync.domain.Batches;
import dev.planbridge.sync.domain.CrmCallException;
import dev.planbridge.sync.domain.CrmGateway;
import dev.planbridge.sync.domain.CrmSnapshot;
import dev.planbridge.sync.domain.DesiredPlan;
import dev.planbridge.sync.domain.OpKind;
import dev.planbridge.sync.domain.OperationPlanner;
import dev.planbridge.sync.domain.ParallelWriter;
import dev.planbridge.sync.domain.PlannedOperation;
import dev.planbridge.sync.domain.PushOptions;
import dev.planbridge.sync.domain.PushPlan;
import dev.planbridge.sync.domain.Refs;
import dev.planbridge.sync.domain.RetryPolicy;
import dev.planbridge.sync.domain.SObjectType;
import dev.planbridge.sync.domain.SnapshotReader;
import dev.planbridge.sync.plan.DesiredStateSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Runs one push while this replica holds its lease: reads the plan and the CRM, stores the planned writes, then
 * sends them group by group through the ledger. Safe to stop at any moment: a later run continues from the ledger.
 */
@ApplicationScoped
public class PushEngine {

    private static final Logger LOG = Logger.getLogger(PushEngine.class);
    private static final Duration MAX_WAIT = Duration.ofMinutes(10);

    private final LedgerStore ledger;
    private final DesiredStateSource desiredState;
    private final CrmGateways gateways;
    private final EventPublisher events;
    private final SyncConfig config;
    private final UndoPlanner undoPlanner;
    private final ConflictService conflictService;
    private final PlanSaver saver;
    private final StepFailures stepFailures;
    private final jakarta.enterprise.event.Event<PlanChunkSaved> chunkSaved;
    /** Threads for the extra write lanes of running pushes (lane 0 runs on the push's own thread). */
    private final ExecutorService lanePool = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "push-lane");
        thread.setDaemon(true);
        return thread;
    });

    public PushEngine(LedgerStore ledger, DesiredStateSource desiredState, CrmGateways gateways, EventPublisher events,
                      SyncConfig config, UndoPlanner undoPlanner, ConflictService conflictService,
                      JtaChunkTransactions chunkTransactions, StepFailures stepFailures,
                      jakarta.enterprise.event.Event<PlanChunkSaved> chunkSaved) {
        this.ledger = ledger;
        this.desiredState = desiredState;
        this.gateways = gateways;
        this.events = events;
        this.config = config;
        this.undoPlanner = undoPlanner;
        this.conflictService = conflictService;
        this.saver = new PlanSaver(chunkTransactions, config.ledger().chunkSize());
        this.stepFailures = stepFailures;
        this.chunkSaved = chunkSaved;
    }

    /** Runs the push as far as it can go now. The caller holds the lease as {@code owner}. */
    public void run(UUID pushId, String owner) {
        CrmGateway crm = gateways.open();
        LedgerWriter.LeaseKeeper lease = () -> ledger.renewLease(pushId, owner, config.leaseTtl());
        String[] step = {StepFailures.PLANNING};
        try {
            Push push = ledger.find(pushId);
            if (push == null || push.finished()) {
                return;
            }
            if (!Push.Status.WRITING.name().equals(push.status)) {
                // A saved plan is never planned again: a resumed run only queues the events still missing.
                if (push.planSavedAt == null && !plan(push, crm, lease, step)) {
                    return;
                }
                step[0] = StepFailures.QUEUEING_EVENTS;
                renew(push, lease);
                saver.queueEvents(pushId, chunkListener(push, lease));
                push = ledger.find(pushId);
            }
            step[0] = StepFailures.FINISHING;
            if (push.dryRun()) {
                // Also when a dry run stopped between storing its plan and finishing: it never writes.
                finish(push, crm, 0);
                return;
            }
            step[0] = StepFailures.WRITING;
            write(push, crm, lease);
            step[0] = StepFailures.FINISHING;
            finish(ledger.find(pushId), crm, 0);
        } catch (LedgerWriter.LeaseLostException e) {
            LOG.warnf("Push %s was taken over by another replica; stopping here", pushId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e; // shutting down: not a failure of the push
            }
            // Counted per step: after sync.max-step-attempts failures in a row the push ends FAILED with the reason.
            Push failed = stepFailures.failed(pushId, step[0], e, step[0].equals(StepFailures.WRITING) ? 0 : crm.apiCalls());
            if (failed != null && failed.finished()) {
                publish(failed, "DONE", null, 0, 0, 0, 0, crm);
            }
        }
    }

    /** After each committed chunk of a plan save: keep the lease, and tell observers. */
    private PlanSaver.ChunkListener chunkListener(Push push, LedgerWriter.LeaseKeeper lease) {
        return (part, chunk, rows) -> {
            renew(push, lease);
            chunkSaved.fire(new PlanChunkSaved(push.id, push.planId, part, chunk, rows));
        };
    }

    /** Reads plan and CRM and stores the operations; false when the push must wait or failed. */
    private boolean plan(Push push, CrmGateway crm, LedgerWriter.LeaseKeeper lease, String[] step) {
        publish(push, "READING_PLAN", null, 0, 0, 0, 0, crm);
        try {
            PushPlan plan;
            PlanContext context;
            if (Push.Kind.UNDO.name().equals(push.kind)) {
                context = new PlanContext(null, null, Map.of());
                plan = undoPlanner.plan(push, crm, config.maxQueryLength());
            } else {
                DesiredPlan desired = desiredState.read(push.planId, push.planChecksum);
                PushOptions options = PushSettings.toOptions(push.options, push.planId);
                if (Push.Kind.FOLLOW_UP.name().equals(push.kind)) {
                    options = conflictService.followUpOptions(push.parentPushId, options);
                }
                renew(push, lease);
                publish(push, "READING_CRM", null, 0, 0, 0, 0, crm);
                SnapshotReader reader = new SnapshotReader(crm, config.maxQueryLength());
                CrmSnapshot snapshot = reader.read(desired, options);
                renew(push, lease);
                publish(push, "PLANNING", null, 0, 0, 0, 0, crm);
                plan = new OperationPlanner(crm.integrationUserId()).plan(desired, snapshot,
                        ledger.history(push.id, options.modelDeveloperName()), options);
                context = new PlanContext(desired.header().version(), desired.header().checksum(), refsOf(snapshot, options));
            }
            renew(push, lease);
            Set<String> changedBy = new HashSet<>();
            plan.conflicts().forEach(c -> {
                if (c.field().changedById() != null) {
                    changedBy.add(c.field().changedById());
                }
            });
            Map<String, String> names = changedBy.isEmpty() ? Map.of()
                    : new SnapshotReader(crm, config.maxQueryLength()).userNames(changedBy);
            Map<String, Object> report = planReport(plan, push);
            // In chunks, each committed; the conflicts' SyncConflict events follow from the stored rows (queueEvents).
            step[0] = StepFailures.SAVING_PLAN;
            saver.saveRows(push.id, plan, names, new PlanSaver.Header(context.version(), context.checksum(), report,
                    crm.apiCalls(), context.refs()), chunkListener(push, lease));
            return true;
        } catch (DesiredStateSource.PlanUnavailableException e) {
            waitAndRetry(push, e.getMessage());
        } catch (CrmCallException e) {
            if (e.kind() == CrmCallException.Kind.PERMANENT) {
                failPush(push, "The CRM refused a read: " + e.getMessage(), crm);
            } else {
                waitAndRetry(push, "The CRM is unavailable: " + e.getMessage());
            }
        } catch (DesiredPlan.InvalidPlanException | IllegalArgumentException e) {
            failPush(push, e.getMessage(), crm);
        }
        return false;
    }

    private static void renew(Push push, LedgerWriter.LeaseKeeper lease) {
        if (!lease.renew()) {
            throw new LedgerWriter.LeaseLostException(push.id);
        }
    }

    private record PlanContext(Long version, String checksum, Map<String, String> refs) {
    }

    private static Map<String, String> refsOf(CrmSnapshot snapshot, PushOptions options) {
        Map<String, String> refs = new LinkedHashMap<>();
        if (snapshot.model() != null) {
            refs.put(SObjectType.TERRITORY2_MODEL.apiName() + "|" + options.modelDeveloperName(), snapshot.model().id());
        }
        snapshot.typesByKey().forEach((key, r) -> refs.put(SObjectType.TERRITORY2_TYPE.apiName() + "|" + key, r.id()));
        snapshot.territoriesByKey().forEach((key, r) -> refs.put(SObjectType.TERRITORY2.apiName() + "|" + key, r.id()));
        return refs;
    }

    private void waitAndRetry(Push push, String reason) {
        long factor = 1L << Math.min(push.planAttempts, 10);
        Duration wait = config.unavailableRetry().multipliedBy(factor);
        wait = wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
        LOG.warnf("Push %s waits %s: %s", push.id, wait, reason);
        ledger.waitUntil(push.id, Instant.now().plus(wait), reason);
    }

    private void failPush(Push push, String reason, CrmGateway crm) {
        LOG.errorf("Push %s failed: %s", push.id, reason);
        ledger.fail(push.id, reason, crm.apiCalls()); // queues the FAILED SyncCompleted with it
        Push failed = ledger.find(push.id);
        publish(failed, "DONE", null, 0, 0, 0, 0, crm);
    }

    private void write(Push push, CrmGateway crm, LedgerWriter.LeaseKeeper lease) throws InterruptedException {
        RetryPolicy retry = new RetryPolicy(config.retry().maxAttempts(), config.retry().baseDelay(),
                config.retry().maxDelay(), config.retry().requestLimitPause(), config.retry().maxRequestLimitPauses(),
                () -> ThreadLocalRandom.current().nextDouble());
        long total = countOperations(push.id);
        long[] done = {0, 0};
        // One lane per concurrent call, each with its own CRM session (opened on first use) and ledger writer.
        List<LedgerWriter> writers = new ArrayList<>();
        List<BatchExecutor> lanes = new ArrayList<>();
        LedgerWriter.Progress progress = (ignoredSucceeded, ignoredFailed) -> {
            long succeeded = writers.stream().mapToLong(w -> w.succeeded).sum();
            long failed = writers.stream().mapToLong(w -> w.failed).sum();
            publishThrottled(push, "WRITING", succeeded + done[0], failed + done[1], total, crm);
        };
        for (int lane = 0; lane < config.writeConcurrency(); lane++) {
            CrmGateway laneCrm = lane == 0 ? crm : gateways.open();
            LedgerWriter laneWriter = new LedgerWriter(ledger, push.id, laneCrm, lease, progress);
            writers.add(laneWriter);
            lanes.add(new BatchExecutor(laneCrm, retry, duration -> Thread.sleep(duration.toMillis()), laneWriter,
                    config.batchSize()));
        }
        LedgerWriter writer = writers.get(0);
        settleSent(push, crm, lanes.get(0), writer);
        ParallelWriter parallel = new ParallelWriter(lanes, lanePool, config.batchSize());
        List<PushOperation> pending = ledger.operations(push.id, PushOperation.Status.PENDING);
        Map<Batches.Group, List<PushOperation>> groups = Batches.group(pending,
                op -> new Batches.Group(op.stage, SObjectType.ofApiName(op.object), OpKind.valueOf(op.op)));
        for (Map.Entry<Batches.Group, List<PushOperation>> group : groups.entrySet()) {
            Map<String, String> refs = ledger.refs(push.id);
            List<BatchExecutor.ExecOp> ready = new ArrayList<>();
            List<LedgerStore.OperationOutcome> blocked = new ArrayList<>();
            for (PushOperation op : group.getValue()) {
                try {
                    Map<String, String> values = Refs.resolve(op.desired,
                            (object, key) -> refs.get(object.apiName() + "|" + key));
                    ready.add(new BatchExecutor.ExecOp(op.id, group.getKey().object(), group.getKey().op(), op.recordId, values));
                } catch (Refs.UnresolvedReferenceException e) {
                    blocked.add(new LedgerStore.OperationOutcome(op.id, PushOperation.Status.FAILED, null,
                            "DEPENDENCY_NOT_WRITTEN", e.getMessage(), false));
                }
            }
            if (!blocked.isEmpty()) {
                ledger.record(blocked, push.id, 0);
                done[1] += blocked.size();
            }
            publish(push, "WRITING", group.getKey().object().apiName(),
                    writers.stream().mapToLong(w -> w.succeeded).sum() + done[0],
                    writers.stream().mapToLong(w -> w.failed).sum() + done[1], total, 0, crm);
            try {
                parallel.execute(ready);
            } finally {
                // Outcomes of every lane are committed before the next group starts (or the run stops).
                writers.forEach(LedgerWriter::flush);
            }
        }
    }

    /**
     * Operations a crashed run sent without recording the answer are settled by reading the CRM: what was applied is
     * marked succeeded (never sent twice), the rest goes back to PENDING.
     */
    private void settleSent(Push push, CrmGateway crm, BatchExecutor executor, LedgerWriter writer) throws InterruptedException {
        List<PushOperation> sent = ledger.operations(push.id, PushOperation.Status.SENT);
        if (sent.isEmpty()) {
            return;
        }
        LOG.infof("Push %s resumes with %d operations of unknown outcome", push.id, sent.size());
        List<Long> resend = new ArrayList<>();
        Map<Batches.Group, List<PushOperation>> groups = Batches.group(sent,
                op -> new Batches.Group(op.stage, SObjectType.ofApiName(op.object), OpKind.valueOf(op.op)));
        for (Map.Entry<Batches.Group, List<PushOperation>> group : groups.entrySet()) {
            List<BatchExecutor.ExecOp> unknown = group.getValue().stream().map(op -> new BatchExecutor.ExecOp(op.id,
                    group.getKey().object(), group.getKey().op(), op.recordId, op.sent == null ? op.desired : op.sent))
                    .toList();
            while (true) {
                try {
                    executor.settleUnknownWrites(unknown).forEach(op -> resend.add(op.ledgerId()));
                    break;
                } catch (CrmCallException e) {
                    if (e.kind() == CrmCallException.Kind.PERMANENT) {
                        throw new IllegalStateException("Cannot verify earlier writes: " + e.getMessage(), e);
                    }
                    if (e.kind() == CrmCallException.Kind.SESSION_EXPIRED) {
                        try {
                            crm.relogin();
                        } catch (CrmCallException again) {
                            Thread.sleep(config.retry().baseDelay().toMillis());
                        }
                    } else {
                        Thread.sleep(config.retry().maxDelay().toMillis());
                    }
                }
            }
        }
        writer.flush();
        ledger.resetToPending(resend);
    }

    private void finish(Push push, CrmGateway crm, long ignored) {
        Map<String, Map<String, Long>> counts = ledger.statusCounts(push.id);
        long written = 0;
        long failed = 0;
        long skipped = 0;
        long held = 0;
        long planned = 0;
        for (Map.Entry<String, Map<String, Long>> entry : counts.entrySet()) {
            Map<String, Long> byStatus = entry.getValue();
            written += byStatus.getOrDefault("SUCCEEDED", 0L);
            failed += byStatus.getOrDefault("FAILED", 0L);
            skipped += byStatus.getOrDefault("SKIPPED", 0L);
            held += byStatus.getOrDefault("CONFLICT", 0L);
            if (!entry.getKey().endsWith(" " + PushOperation.NONE)) {
                planned += byStatus.values().stream().mapToLong(Long::longValue).sum();
            }
        }
        long unchanged = unchanged(push);
        long conflicts = ledger.conflictCount(push.id);
        PushOutcome outcome = failed + held + skipped == 0 ? PushOutcome.SYNCED : PushOutcome.PARTIALLY_SYNCED;
        Map<String, Object> report = new LinkedHashMap<>(push.report == null ? Map.of() : push.report);
        report.put("operations", counts);
        report.put("written", push.dryRun() ? 0 : written);
        report.put("failed", failed);
        report.put("skippedInvalid", skipped);
        report.put("heldConflicts", held);
        report.put("durationMillis", push.startedAt == null ? null
                : Duration.between(push.startedAt, Instant.now()).toMillis());
        // The push's SyncCompleted is queued in the outbox in the same transaction as its completion.
        ledger.complete(push.id, outcome, report, new LedgerStore.Tally(planned, written, unchanged, conflicts, failed));
        Push done = ledger.find(push.id);
        publish(done, "DONE", null, written, failed, planned, 0, crm);
    }

    @SuppressWarnings("unchecked")
    private static long unchanged(Push push) {
        if (push.report == null || !(push.report.get("unchanged") instanceof Map<?, ?> map)) {
            return 0;
        }
        return ((Map<String, Object>) map).values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
    }

    private long countOperations(UUID pushId) {
        return ledger.writeCount(pushId);
    }

    private Map<String, Object> planReport(PushPlan plan, Push push) {
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Long> byObjectAndOp = new LinkedHashMap<>();
        for (PlannedOperation op : plan.operations()) {
            byObjectAndOp.merge(op.object().apiName() + " " + op.op(), 1L, Long::sum);
        }
        Map<String, Long> unchanged = new LinkedHashMap<>();
        Map<String, Long> compared = new LinkedHashMap<>();
        plan.tallies().forEach((object, tally) -> {
            unchanged.put(object.apiName(), tally.unchanged());
            compared.put(object.apiName(), tally.compared());
        });
        report.put("planned", byObjectAndOp);
        report.put("compared", compared);
        report.put("unchanged", unchanged);
        report.put("conflicts", plan.conflicts().size());
        report.put("heldRecords", plan.conflicts().stream().filter(PushPlan.Conflict::held)
                .map(c -> c.object() + "|" + c.naturalKey()).distinct().count());
        report.put("invalidRecords", plan.issues().size());
        Map<String, Long> calls = Batches.estimateCalls(plan.operations());
        report.put("estimatedWriteCalls", calls);
        report.put("estimatedWriteCallsTotal", calls.values().stream().mapToLong(Long::longValue).sum());
        report.put("note", "The Territory2Model is left in Planning state; activating it is up to the Salesforce admin.");
        return report;
    }

    private long lastProgress;

    private synchronized void publishThrottled(Push push, String phase, long written, long failed, long total, CrmGateway crm) {
        long now = System.currentTimeMillis();
        if (now - lastProgress >= 250) {
            lastProgress = now;
            publish(push, phase, null, written, failed, total, 0, crm);
        }
    }

    private void publish(Push push, String phase, String object, long written, long failed, long total, long conflicts,
                         CrmGateway crm) {
        events.progress(new SyncProgress(SyncProgress.SCHEMA_VERSION, push.id.toString(), push.planId, phase, object,
                written + failed, total, written, 0, conflicts, failed, push.apiCalls + crm.apiCalls(), Instant.now()));
    }
}
