package dev.planbridge.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How pushes run (prefix {@code sync}). */
@ConfigMapping(prefix = "sync")
public interface SyncConfig {

    /** Records per create/update/delete call (Salesforce allows at most 200). */
    @WithDefault("200")
    int batchSize();

    /** Longest SOQL statement the service builds (Salesforce allows 100,000 characters). */
    @WithDefault("100000")
    int maxQueryLength();

    /** Identity of this replica in push leases; random per start when unset. */
    Optional<String> replicaId();

    /** How long a lease on a push lasts without renewal; a dead replica's push is taken over after it. */
    @WithDefault("60s")
    Duration leaseTtl();

    /** How often a replica looks for pushes to run or take over (a scheduler expression like "2s"). */
    @WithDefault("2s")
    String workerInterval();

    /**
     * Write calls one push sends at once (1-25): the calls of one group (same stage, object and operation) are
     * independent and go out on this many sessions; groups stay in dependency order.
     */
    @WithDefault("4")
    int writeConcurrency();

    /** Pushes one replica runs at once. */
    @WithDefault("2")
    int parallelPushes();

    /** Start an apply push on PlanApproved: "event" (as the event says), "always" or "never". */
    @WithDefault("event")
    String autoPush();

    /** First wait after the planning service or the CRM was unreachable while planning; doubles up to 10 minutes. */
    @WithDefault("15s")
    Duration unavailableRetry();

    /**
     * Failures in a row of one step of a push (planning, saving the plan, queueing its events, writing) after which
     * the push stops retrying and ends FAILED with the reason; between attempts it waits sync.unavailable-retry,
     * doubling up to 10 minutes.
     */
    @WithDefault("5")
    int maxStepAttempts();

    Ledger ledger();

    /** How a push's plan is stored: in chunks, each its own transaction. */
    interface Ledger {
        /** Rows (operations, conflicts, outbox events) per chunk transaction. */
        @WithDefault("5000")
        int chunkSize();

        /**
         * Timeout of one chunk's transaction. A chunk of 5,000 rows takes well under a second; the limit only
         * catches a hung database, and the chunk is then retried as a failed step.
         */
        @WithDefault("30s")
        Duration chunkTimeout();
    }

    Retry retry();

    interface Retry {
        @WithDefault("8")
        int maxAttempts();

        @WithDefault("200ms")
        Duration baseDelay();

        @WithDefault("30s")
        Duration maxDelay();

        @WithDefault("60s")
        Duration requestLimitPause();

        @WithDefault("60")
        int maxRequestLimitPauses();
    }
}
