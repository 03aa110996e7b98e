package dev.planbridge.sync.push;

import dev.planbridge.sync.SyncConfig;
import dev.planbridge.sync.domain.ParallelWriter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Finds pushes that need work and that no live replica holds (new, waiting, or left by a dead replica whose
 * lease ran out), takes the lease and runs them on a small pool.
 */
@ApplicationScoped
public class PushWorker {

    private static final Logger LOG = Logger.getLogger(PushWorker.class);

    private final LedgerStore ledger;
    private final PushEngine engine;
    private final SyncConfig config;
    private final String replicaId;
    private final ExecutorService pool;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private volatile boolean started;

    public PushWorker(LedgerStore ledger, PushEngine engine, SyncConfig config) {
        this.ledger = ledger;
        this.engine = engine;
        this.config = config;
        if (config.writeConcurrency() < 1 || config.writeConcurrency() > ParallelWriter.MAX_LANES) {
            throw new IllegalStateException("sync.write-concurrency must be between 1 and " + ParallelWriter.MAX_LANES
                    + " (the org's concurrent-request limit), was " + config.writeConcurrency());
        }
        this.replicaId = config.replicaId().orElse("sync-" + UUID.randomUUID());
        this.pool = Executors.newFixedThreadPool(config.parallelPushes(), r -> {
            Thread thread = new Thread(r, "push-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    public String replicaId() {
        return replicaId;
    }

    /**
     * Runs after every other start-up observer (Kafka channels included): a push taken over before the application
     * is fully up would fail on its first event.
     */
    void started(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        started = true;
        kick();
    }

    @Scheduled(every = "${sync.worker-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        kick();
    }

    /** Looks for work now (called after a push is created). */
    public synchronized void kick() {
        if (!started) {
            return;
        }
        int free = config.parallelPushes() - running.size();
        if (free <= 0) {
            return;
        }
        for (UUID pushId : ledger.claimable(free)) {
            // Claim locally first: the scheduler and a request thread may look at the same push at once.
            if (!running.add(pushId)) {
                continue;
            }
            if (!ledger.acquireLease(pushId, replicaId, config.leaseTtl())) {
                running.remove(pushId);
                continue;
            }
            pool.submit(() -> {
                try {
                    engine.run(pushId, replicaId);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Push %s stopped; it resumes on the next run", pushId);
                } finally {
                    ledger.releaseLease(pushId, replicaId);
                    running.remove(pushId);
                }
            });
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
