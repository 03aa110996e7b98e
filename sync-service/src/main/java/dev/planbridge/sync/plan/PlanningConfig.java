package dev.planbridge.sync.plan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The planning service the desired state is read from (prefix {@code planning}). */
@ConfigMapping(prefix = "planning")
public interface PlanningConfig {

    @WithDefault("http://localhost:8081")
    String url();

    /** Bearer token with the {@code service} role. */
    Optional<String> token();

    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("300s")
    Duration readTimeout();
}
