package dev.planbridge.sync.activation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How activations run (prefix {@code sync.activation}). */
@ConfigMapping(prefix = "sync.activation")
public interface ActivationConfig {

    /** How often a replica looks for due activations (a scheduler expression like "1s"). */
    @WithDefault("1s")
    String pollInterval();

    /** How long a model may stay Activating before the attempt is reported as timed out and retried. */
    @WithDefault("10m")
    Duration activatingTimeout();

    /** Attempts (rejections, CRM faults, timeouts) before an activation is FAILED for good. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait before the next attempt, doubled per attempt. */
    @WithDefault("30s")
    Duration retryDelay();

    /** How long one replica holds an activation while it works on it. */
    @WithDefault("2m")
    Duration leaseTtl();
}
