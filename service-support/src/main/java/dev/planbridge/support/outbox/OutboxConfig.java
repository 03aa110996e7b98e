package dev.planbridge.support.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The outbox relay of every service that has one (prefix {@code outbox}). */
@ConfigMapping(prefix = "outbox")
public interface OutboxConfig {

    /** How often the relay looks for unsent rows (a scheduler interval such as 1s or 200ms). */
    @WithDefault("1s")
    String pollInterval();

    /** Rows sent per Kafka round trip. */
    @WithDefault("200")
    int batchSize();

    /** How long the relay waits for Kafka's acknowledgement before it retries the batch. */
    @WithDefault("10s")
    Duration sendTimeout();

    /** How long sent rows are kept (for inspection) before the relay deletes them. */
    @WithDefault("7d")
    Duration retention();
}
