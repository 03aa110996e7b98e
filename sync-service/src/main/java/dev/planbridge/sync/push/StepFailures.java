package dev.planbridge.sync.push;

import dev.planbridge.sync.SyncConfig;
import dev.planbridge.sync.domain.StepRetries;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Records an unexpected failure of a push's step: a retry after a wait, or FAILED after too many in a row. */
@ApplicationScoped
public class StepFailures {

    static final String PLANNING = "planning";
    static final String SAVING_PLAN = "saving the plan";
    static final String QUEUEING_EVENTS = "queueing the conflict events";
    static final String WRITING = "writing";
    static final String FINISHING = "finishing";

    private static final Logger LOG = Logger.getLogger(StepFailures.class);
    private static final Duration MAX_WAIT = Duration.ofMinutes(10);

    private final LedgerStore ledger;
    private final StepRetries retries;

    public StepFailures(LedgerStore ledger, SyncConfig config) {
        this.ledger = ledger;
        Duration first = config.unavailableRetry().compareTo(MAX_WAIT) > 0 ? MAX_WAIT : config.unavailableRetry();
        this.retries = new StepRetries(config.maxStepAttempts(), first, MAX_WAIT);
    }

    /** Returns the push as it is now (FAILED when this was the last attempt), or null when it is gone or finished. */
    Push failed(UUID pushId, String step, RuntimeException error, long apiCalls) {
        StepRetries.Decision decision = ledger.stepFailed(pushId, step, describe(error), retries, apiCalls);
        if (decision == null) {
            return null;
        }
        if (decision instanceof StepRetries.GiveUp) {
            LOG.errorf(error, "Push %s failed: %s", pushId, decision.reason());
        } else {
            LOG.warnf(error, "Push %s: %s", pushId, decision.reason());
        }
        return ledger.find(pushId);
    }

    /** The messages of an exception and its causes, without repeats (a transaction abort hides its cause inside). */
    static String describe(Throwable error) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = error; t != null && parts.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            parts.add(t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message));
        }
        String text = String.join(" ← ", parts);
        return text.length() > 1000 ? text.substring(0, 1000) + "…" : text;
    }
}
