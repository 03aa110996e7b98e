package dev.planbridge.sync.push;

import dev.planbridge.sync.domain.BatchExecutor;
import dev.planbridge.sync.domain.CrmGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The executor's ledger: marks operations SENT (committed) before each call and writes the outcomes of a call in
 * one transaction before the next call. A crash between the two leaves SENT rows, which a resume settles by query.
 */
final class LedgerWriter implements BatchExecutor.Ledger {

    /** Thrown when another replica took the push over; this one stops writing at once. */
    static final class LeaseLostException extends RuntimeException {
        LeaseLostException(UUID pushId) {
            super("Lost the lease on push " + pushId);
        }
    }

    interface Progress {
        void after(long succeeded, long failed);
    }

    private final LedgerStore store;
    private final UUID pushId;
    private final CrmGateway crm;
    private final LeaseKeeper lease;
    private final Progress progress;
    private final List<LedgerStore.OperationOutcome> outcomes = new ArrayList<>();
    private long reportedCalls;
    volatile long succeeded;
    volatile long failed;

    /** Renews this replica's lease; false when it was lost. */
    interface LeaseKeeper {
        boolean renew();
    }

    LedgerWriter(LedgerStore store, UUID pushId, CrmGateway crm, LeaseKeeper lease, Progress progress) {
        this.store = store;
        this.pushId = pushId;
        this.crm = crm;
        this.lease = lease;
        this.progress = progress;
        this.reportedCalls = crm.apiCalls();
    }

    @Override
    public synchronized void sending(List<BatchExecutor.ExecOp> ops) {
        flush();
        if (!lease.renew()) {
            throw new LeaseLostException(pushId);
        }
        Map<Long, Map<String, String>> sent = new LinkedHashMap<>();
        ops.forEach(op -> sent.put(op.ledgerId(), op.values()));
        store.markSent(sent);
    }

    @Override
    public synchronized void succeeded(BatchExecutor.ExecOp op, String salesforceId) {
        outcomes.add(new LedgerStore.OperationOutcome(op.ledgerId(), PushOperation.Status.SUCCEEDED, salesforceId, null, null, false));
        succeeded++;
    }

    @Override
    public synchronized void failed(BatchExecutor.ExecOp op, String code, String message) {
        outcomes.add(new LedgerStore.OperationOutcome(op.ledgerId(), PushOperation.Status.FAILED, null, code, message, false));
        failed++;
    }

    @Override
    public synchronized void retrying(BatchExecutor.ExecOp op, String code, String message) {
        outcomes.add(new LedgerStore.OperationOutcome(op.ledgerId(), PushOperation.Status.PENDING, null, code, message, true));
    }

    synchronized void flush() {
        long calls = crm.apiCalls();
        if (outcomes.isEmpty() && calls == reportedCalls) {
            return;
        }
        store.record(List.copyOf(outcomes), pushId, calls - reportedCalls);
        reportedCalls = calls;
        outcomes.clear();
        progress.after(succeeded, failed);
    }
}
