package dev.planbridge.emulator.generate;

import dev.planbridge.emulator.org.Org;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mutates an org at a steady rate the way a sales team does (owner changes, new accounts and opportunities, attribute
 * and stage changes, deletes and undeletes, territory re-assignments), each change made as a plausible user: the
 * rep or manager concerned, or the admin for territory operations and clean-up — never the sync integration user.
 * Every change lands in the org's change log. The live input of the change feed.
 *
 * <p>Deterministic: given a seed and the same starting org (no other writers), the same sequence of changes is made;
 * {@link #runNow} applies changes synchronously (tests), {@link #start} on a background thread at a rate.
 *
 * <pre>{@code
 * ActivitySimulator simulator = new ActivitySimulator(emulator.org());
 * simulator.start(50, 42);      // 50 changes per second
 * ...
 * simulator.stop();
 * simulator.status().changes();
 * }</pre>
 */
public final class ActivitySimulator implements AutoCloseable {

    /** The kinds of change, with their share of all changes. */
    public enum Kind {
        OWNER_CHANGE(18), NEW_ACCOUNT(12), ATTRIBUTE_CHANGE(25), OPPORTUNITY_STAGE(18), NEW_OPPORTUNITY(7),
        ACCOUNT_DELETE(4), ACCOUNT_UNDELETE(2), TERRITORY_REASSIGNMENT(11), USER_TERRITORY_CHANGE(3);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** A point-in-time view: {@code changes} applied, {@code failures} (writes the org rejected, e.g. concurrently). */
    public record Status(boolean running, double changesPerSecond, long seed, long changes, long failures,
                         Map<Kind, Long> changesByKind, Instant startedAt, String lastError) {
    }

    public static final double MAX_CHANGES_PER_SECOND = 10_000;

    private final Org org;
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Map<Kind, AtomicLong> byKind = new EnumMap<>(Kind.class);
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> task;
    private volatile boolean running;
    private volatile double rate;
    private volatile long seed;
    private volatile Instant startedAt;
    private volatile String lastError;

    public ActivitySimulator(Org org) {
        this.org = Objects.requireNonNull(org, "org");
        for (Kind kind : Kind.values()) {
            byKind.put(kind, new AtomicLong());
        }
    }

    /**
     * Starts changing the org at {@code changesPerSecond} (0 &lt; rate ≤ 10,000), restarting if already running.
     * Counters accumulate across runs.
     */
    public synchronized void start(double changesPerSecond, long seed) {
        if (!(changesPerSecond > 0) || changesPerSecond > MAX_CHANGES_PER_SECOND) {
            throw new IllegalArgumentException("changesPerSecond must be > 0 and <= " + (int) MAX_CHANGES_PER_SECOND
                    + ", got " + changesPerSecond);
        }
        stop();
        SalesActivity activity = new SalesActivity(org, seed);
        this.rate = changesPerSecond;
        this.seed = seed;
        this.startedAt = org.now();
        this.running = true;
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "emulator-activity-simulator");
            thread.setDaemon(true);
            return thread;
        });
        long periodMillis = (long) Math.max(5, Math.min(100, 1_000 / changesPerSecond));
        Pacer pacer = new Pacer(changesPerSecond, System.nanoTime());
        task = scheduler.scheduleAtFixedRate(() -> {
            int due = pacer.due(System.nanoTime());
            for (int i = 0; i < due && running; i++) {
                apply(activity);
            }
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops the background thread (waits for the change in progress); no-op when not running. */
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            task.cancel(false);
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            }
            scheduler = null;
            task = null;
        }
    }

    /** Applies {@code count} changes now, on the calling thread; not while running. Returns the changes applied. */
    public synchronized int runNow(int count, long seed) {
        if (running) {
            throw new IllegalStateException("the simulator is running; stop it first");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        SalesActivity activity = new SalesActivity(org, seed);
        this.seed = seed;
        int applied = 0;
        for (int i = 0; i < count; i++) {
            if (apply(activity)) {
                applied++;
            }
        }
        return applied;
    }

    private boolean apply(SalesActivity activity) {
        try {
            Kind kind = activity.step();
            if (kind == null) {
                return false;
            }
            changes.incrementAndGet();
            byKind.get(kind).incrementAndGet();
            return true;
        } catch (RuntimeException e) {
            // A client may have changed or deleted the record meanwhile: count it and carry on.
            failures.incrementAndGet();
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            return false;
        }
    }

    public Status status() {
        Map<Kind, Long> kinds = new EnumMap<>(Kind.class);
        byKind.forEach((kind, count) -> kinds.put(kind, count.get()));
        return new Status(running, running ? rate : 0, seed, changes.get(), failures.get(), kinds, startedAt,
                lastError);
    }

    public boolean isRunning() {
        return running;
    }

    /** Total changes applied since this simulator was created. */
    public long changes() {
        return changes.get();
    }

    @Override
    public void close() {
        stop();
    }

    /** How many changes are due at a time so that the average rate holds; never more than one second's worth. */
    static final class Pacer {
        private final double rate;
        private long baseNanos;
        private long done;

        Pacer(double rate, long startNanos) {
            this.rate = rate;
            this.baseNanos = startNanos;
        }

        int due(long nowNanos) {
            long target = (long) Math.floor((nowNanos - baseNanos) / 1e9 * rate);
            long due = target - done;
            long cap = Math.max(1, (long) Math.ceil(rate));
            if (due > cap) {
                // Fell behind (slow machine, GC): do not burst; carry on from now.
                done = target - cap;
                due = cap;
            }
            done += Math.max(0, due);
            return (int) Math.max(0, due);
        }
    }
}
