package dev.planbridge.sync.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Sends the calls of one group (same stage, object and operation - independent of each other) on a few lanes at
 * once. Each lane is a {@link BatchExecutor} with its own CRM session and ledger writer, so every call is still
 * marked SENT before it goes and settled after it returns; groups stay strictly in order (the caller waits for a
 * group before the next). Bounded by the number of lanes, which must stay within the org's concurrent-request limit.
 */
public final class ParallelWriter {

    /** Salesforce allows 25 concurrent long-running requests per org; stay well below it. */
    public static final int MAX_LANES = 25;

    private final List<BatchExecutor> lanes;
    private final ExecutorService pool;
    private final int batchSize;

    /** @param pool runs the lanes beyond the first (the caller's thread runs lane 0); may be null with one lane */
    public ParallelWriter(List<BatchExecutor> lanes, ExecutorService pool, int batchSize) {
        if (lanes.isEmpty() || lanes.size() > MAX_LANES) {
            throw new IllegalArgumentException("Write concurrency must be between 1 and " + MAX_LANES + ", was " + lanes.size());
        }
        if (lanes.size() > 1 && pool == null) {
            throw new IllegalArgumentException("Several lanes need a thread pool");
        }
        this.lanes = List.copyOf(lanes);
        this.pool = pool;
        this.batchSize = batchSize;
    }

    /** Writes one group; returns when every call of it has been settled (or the first lane failed). */
    public void execute(List<BatchExecutor.ExecOp> ops) throws InterruptedException {
        List<List<BatchExecutor.ExecOp>> chunks = Batches.chunks(ops, batchSize);
        int used = Math.min(lanes.size(), chunks.size());
        if (used <= 1) {
            lanes.get(0).execute(ops);
            return;
        }
        ConcurrentLinkedQueue<List<BatchExecutor.ExecOp>> queue = new ConcurrentLinkedQueue<>(chunks);
        List<Future<Void>> others = new ArrayList<>();
        for (int lane = 1; lane < used; lane++) {
            BatchExecutor executor = lanes.get(lane);
            others.add(pool.submit(() -> {
                drain(queue, executor);
                return null;
            }));
        }
        Throwable failure = null;
        try {
            drain(queue, lanes.get(0));
        } catch (RuntimeException | InterruptedException e) {
            failure = e;
            queue.clear();
        }
        for (Future<Void> other : others) {
            try {
                other.get();
            } catch (ExecutionException e) {
                queue.clear();
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                others.forEach(f -> f.cancel(true));
                throw e;
            }
        }
        if (failure instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** Runs chunks until none is left; a failing lane empties the queue so the others stop after their call. */
    private static void drain(ConcurrentLinkedQueue<List<BatchExecutor.ExecOp>> queue, BatchExecutor executor)
            throws InterruptedException {
        List<BatchExecutor.ExecOp> chunk;
        try {
            while ((chunk = queue.poll()) != null) {
                executor.execute(chunk);
            }
        } catch (RuntimeException | InterruptedException | Error e) {
            queue.clear();
            throw e;
        }
    }
}
