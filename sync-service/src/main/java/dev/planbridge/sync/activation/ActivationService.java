package dev.planbridge.sync.activation;

import dev.planbridge.support.problem.ProblemException;
import dev.planbridge.sync.crm.CrmGateways;
import dev.planbridge.sync.domain.ActivationGate;
import dev.planbridge.sync.domain.CrmCallException;
import dev.planbridge.sync.domain.ModelActivation;
import dev.planbridge.sync.domain.PushOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Requests to activate a plan's model: validated, gated on what its pushes left open, stored for the runner. */
@ApplicationScoped
public class ActivationService {

    private static final Logger LOG = Logger.getLogger(ActivationService.class);

    /** Who asks: approvers activate, only admins force. */
    public record Caller(String name, boolean isAdmin) {
    }

    /** A second pending activation of the same plan (409). */
    public static final class AlreadyPending extends ProblemException {
        public AlreadyPending(String message) {
            super(409, "Conflict", message);
        }
    }

    /** The dry run's answer: what activating would archive and delete, and what stands in the way. */
    public record DryRun(String planId, String modelDeveloperName, ModelActivation.Preview preview,
                         ActivationGate.Open open) {
    }

    private final ActivationStore store;
    private final CrmGateways gateways;
    private final Clock clock;

    public ActivationService(ActivationStore store, CrmGateways gateways, Clock clock) {
        this.store = store;
        this.gateways = gateways;
        this.clock = clock;
    }

    /** Schedules the activation (the runner executes it when {@code at} arrives). */
    public Activation request(ActivationRequest request, Caller caller) {
        Validated valid = validate(request, caller);
        if (valid.dryRun()) {
            throw new IllegalArgumentException("dryRun: use dryRun() for a dry run");
        }
        Activation activation = new Activation();
        activation.id = UUID.randomUUID();
        activation.planId = request.planId();
        activation.modelDeveloperName = valid.modelDeveloperName();
        activation.status = Activation.Status.SCHEDULED.name();
        activation.runAt = valid.at();
        activation.requestedBy = caller.name();
        activation.forced = valid.forced();
        activation.forceReason = valid.forced() ? request.reason().strip() : null;
        if (valid.forced()) {
            Map<String, Object> past = new LinkedHashMap<>();
            past.put("heldConflicts", valid.open().heldConflicts());
            past.put("failedRecords", valid.open().failedRecords());
            activation.forcedPast = past;
            LOG.warnf("Activation of plan %s forced by %s past %d held conflicts and %d failed records: %s",
                    request.planId(), caller.name(), valid.open().heldConflicts().size(),
                    valid.open().failedRecords().size(), activation.forceReason);
        }
        activation.createdAt = clock.instant();
        return store.insert(activation);
    }

    /** Reads the org and lists what the activation would archive and delete; changes nothing. */
    public DryRun dryRun(ActivationRequest request, Caller caller) {
        Validated valid = validate(request, caller);
        try {
            ModelActivation.Preview preview = new ModelActivation(gateways.open()).preview(valid.modelDeveloperName());
            return new DryRun(request.planId(), valid.modelDeveloperName(), preview, valid.open());
        } catch (ModelActivation.Rejected e) {
            throw new ProblemException(409, "Conflict", e.getMessage());
        } catch (CrmCallException e) {
            throw new IllegalStateException("The CRM could not be read for the dry run: " + e.getMessage(), e);
        }
    }

    private record Validated(String modelDeveloperName, Instant at, boolean dryRun, boolean forced,
                             ActivationGate.Open open) {
    }

    private Validated validate(ActivationRequest request, Caller caller) {
        if (request == null) {
            throw new IllegalArgumentException("body: expected {\"planId\": ..., \"at\"?: ..., \"dryRun\"?: ...}");
        }
        if (request.planId() == null || request.planId().isBlank()) {
            throw new IllegalArgumentException("planId: required");
        }
        Instant at = clock.instant();
        if (request.at() != null) {
            try {
                at = Instant.parse(request.at());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("at: not an ISO-8601 instant (e.g. 2027-02-01T00:00:00Z): "
                        + request.at());
            }
        }
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        boolean force = Boolean.TRUE.equals(request.force());
        ActivationStore.PushedModel pushed = store.pushedModel(request.planId()).orElse(null);
        ActivationGate.Open open = pushed == null ? new ActivationGate.Open(java.util.List.of(), java.util.List.of())
                : store.openItems(request.planId(), pushed);
        if (!dryRun) {
            try {
                ActivationGate.check(pushed != null, open, force, caller.isAdmin(), request.reason());
            } catch (ActivationGate.NotAllowed e) {
                throw new ProblemException(403, "Forbidden", e.getMessage());
            } catch (ActivationGate.Refused e) {
                throw new ProblemException(409, "Conflict", e.getMessage() + ". Held conflicts: " + open.heldConflicts()
                        + "; failed records: " + open.failedRecords());
            }
        } else if (pushed == null) {
            throw new IllegalArgumentException("planId: the plan has no completed apply push; push it before activating");
        }
        String model = pushed.modelDeveloperName() != null ? pushed.modelDeveloperName()
                : PushOptions.modelNameFor(request.planId());
        return new Validated(model, at, dryRun, force && !open.heldConflicts().isEmpty()
                || force && !open.failedRecords().isEmpty(), open);
    }
}
