package dev.planbridge.sync.activation;

import dev.planbridge.sync.SyncConfig;
import dev.planbridge.sync.crm.CrmGateways;
import dev.planbridge.sync.domain.CrmCallException;
import dev.planbridge.sync.domain.CrmGateway;
import dev.planbridge.sync.domain.ModelActivation;
import dev.planbridge.sync.domain.QuotaCarryOver;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs due activations, one step per look, each step committed before the next: save the quotas the archive will
 * delete and ask Salesforce to activate (SCHEDULED → ACTIVATING), then wait for the job (ACTIVATING → ACTIVE, quotas
 * re-created, {@code PlanActivated} queued). A restart or another replica continues from the stored status; every
 * step reads the org first, so nothing is asked or created twice. While Salesforce's job has not finished, the old
 * model stays Active: a refused or timed-out attempt is reported on the row and retried, never half-done.
 */
@ApplicationScoped
public class ActivationRunner {

    private static final Logger LOG = Logger.getLogger(ActivationRunner.class);
    private static final Duration POLL_WHILE_ACTIVATING = Duration.ofSeconds(1);

    private final ActivationStore store;
    private final CrmGateways gateways;
    private final ActivationConfig config;
    private final Clock clock;
    private final String replica;
    /** One CRM session for all steps (the scheduler never runs two at once); dropped after a failed call. */
    private CrmGateway session;

    public ActivationRunner(ActivationStore store, CrmGateways gateways, ActivationConfig config, Clock clock,
                            SyncConfig syncConfig) {
        this.store = store;
        this.gateways = gateways;
        this.config = config;
        this.clock = clock;
        this.replica = syncConfig.replicaId().orElse("activation-" + UUID.randomUUID());
    }

    @Scheduled(every = "${sync.activation.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        runDue();
    }

    /** Runs one step of every activation due now; returns how many steps ran. */
    public int runDue() {
        int steps = 0;
        Instant now = clock.instant();
        for (UUID id = claim(now); id != null; id = claim(now)) {
            step(id);
            steps++;
        }
        return steps;
    }

    private UUID claim(Instant now) {
        return store.claimDue(replica, now, now.plus(config.leaseTtl())).orElse(null);
    }

    private void step(UUID id) {
        Activation activation = store.find(id).orElseThrow();
        Instant now = clock.instant();
        try {
            if (session == null) {
                session = gateways.open();
            }
            ModelActivation crm = new ModelActivation(session);
            if (Activation.Status.SCHEDULED.name().equals(activation.status)) {
                ModelActivation.Preview preview = crm.preview(activation.modelDeveloperName);
                ModelActivation.Model current = preview.current();
                // Saved before the request: once Salesforce's job ends, the archived model's quotas are gone.
                store.saveQuotasAndMarkActivating(id, preview.target().id(), current == null ? null : current.id(),
                        current == null ? null : current.name(), preview.quotas(), now);
                crm.requestActivation(preview.target());
                LOG.infof("Activation %s of plan %s: asked the org to activate %s", id, activation.planId,
                        activation.modelDeveloperName);
                store.waitAgain(id, now);
                return;
            }
            String state = crm.stateOf(activation.targetModelId);
            if (ModelActivation.ACTIVE.equals(state)) {
                List<QuotaCarryOver.SavedQuota> saved = store.savedQuotas(id);
                Set<String> recreated = new HashSet<>();
                crm.recreate(activation.targetModelId, saved).forEach(r -> recreated.add(r.source().quotaId()));
                store.markActive(id, recreated, now);
                LOG.infof("Activation %s of plan %s: %s is Active; %d of %d saved quotas re-created", id,
                        activation.planId, activation.modelDeveloperName, recreated.size(), saved.size());
            } else if (ModelActivation.ACTIVATING.equals(state)) {
                if (Duration.between(activation.activatingSince, now).compareTo(config.activatingTimeout()) > 0) {
                    store.attemptFailed(id, "The model has been Activating for longer than "
                            + config.activatingTimeout() + "; the previous model stays Active until Salesforce's job ends",
                            false, retryAt(activation, now), config.maxAttempts(), now);
                } else {
                    store.waitAgain(id, now.plus(POLL_WHILE_ACTIVATING));
                }
            } else {
                // The job ended without activating (e.g. back in Planning): ask again on the next attempt.
                store.attemptFailed(id, "The org did not activate " + activation.modelDeveloperName + "; it is "
                        + state, true, retryAt(activation, now), config.maxAttempts(), now);
            }
        } catch (ModelActivation.Rejected e) {
            LOG.warnf("Activation %s of plan %s refused by the org: %s", id, activation.planId, e.getMessage());
            store.attemptFailed(id, "Refused by the org: " + e.getMessage(), true, retryAt(activation, now),
                    config.maxAttempts(), now);
        } catch (CrmCallException | IllegalArgumentException e) {
            session = null;
            LOG.warnf("Activation %s of plan %s: CRM call failed: %s", id, activation.planId, e.getMessage());
            store.attemptFailed(id, "CRM call failed: " + e.getMessage(),
                    Activation.Status.SCHEDULED.name().equals(activation.status), retryAt(activation, now),
                    config.maxAttempts(), now);
        }
    }

    private Instant retryAt(Activation activation, Instant now) {
        long factor = 1L << Math.min(10, activation.attempts);
        return now.plus(config.retryDelay().multipliedBy(factor));
    }
}
