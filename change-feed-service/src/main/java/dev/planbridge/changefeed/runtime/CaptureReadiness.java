package dev.planbridge.changefeed.runtime;

import dev.planbridge.changefeed.history.HistoryConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the capture of any object, or the history consumer, is failing. */
@Readiness
@ApplicationScoped
public class CaptureReadiness implements HealthCheck {

    private final CaptureSupervisor supervisor;
    private final HistoryConsumer history;

    public CaptureReadiness(CaptureSupervisor supervisor, HistoryConsumer history) {
        this.supervisor = supervisor;
        this.history = history;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("change-capture").up();
        builder.withData("capture", supervisor.enabled() ? "enabled" : "disabled");
        for (CaptureStatus status : supervisor.statuses()) {
            builder.withData(status.object(), status.state() + (status.detail() == null ? "" : ": " + status.detail()));
            if (status.state().unhealthy()) {
                builder.down();
            }
        }
        String historyProblem = history.problem();
        builder.withData("history", historyProblem == null ? "OK" : historyProblem);
        if (historyProblem != null) {
            builder.down();
        }
        return builder.build();
    }
}
