package dev.planbridge.sync.activation;

import dev.planbridge.contracts.Topics;
import dev.planbridge.contracts.sync.PlanActivated;
import dev.planbridge.sync.domain.ActivationGate;
import dev.planbridge.sync.domain.QuotaCarryOver;
import dev.planbridge.support.outbox.Outbox;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The activation rows, the plan's push results they depend on, and the saved quotas; one transaction per method, so
 * each step of an activation commits on its own and a restarted runner continues from the last one.
 */
@ApplicationScoped
public class ActivationStore {

    private static final int LISTED = 50;

    private final Outbox outbox;

    public ActivationStore(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The model the plan's latest completed full apply push wrote into, empty when the plan was never pushed. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<PushedModel> pushedModel(String planId) {
        List<Object[]> rows = em().createNativeQuery("""
                SELECT id, created_at, options ->> 'model' FROM push
                 WHERE plan_id = ?1 AND mode = 'apply' AND kind = 'PUSH' AND status = 'COMPLETED'
                 ORDER BY created_at DESC LIMIT 1""").setParameter(1, planId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        return Optional.of(new PushedModel((UUID) row[0], toInstant(row[1]), (String) row[2]));
    }

    /** The pushed root and its model's DeveloperName (null: the push used the plan's default name). */
    public record PushedModel(UUID pushId, Instant createdAt, String modelDeveloperName) {
    }

    /** Held conflicts and failed records the plan's pushes left open, each named (at most 50 of each listed). */
    @Transactional
    @SuppressWarnings("unchecked")
    public ActivationGate.Open openItems(String planId, PushedModel root) {
        List<String> held = em().createNativeQuery("""
                SELECT c.object || ' ' || c.natural_key || ' ' || c.field FROM push_conflict c JOIN push p ON p.id = c.push_id
                 WHERE p.plan_id = ?1 AND p.mode = 'apply' AND p.kind IN ('PUSH', 'FOLLOW_UP') AND p.status = 'COMPLETED'
                   AND p.created_at >= ?2 AND c.held AND (c.resolution IS NULL OR c.applied_push_id IS NULL)
                 ORDER BY 1 LIMIT ?3""").setParameter(1, planId).setParameter(2, Timestamp.from(root.createdAt()))
                .setParameter(3, LISTED).getResultList();
        // Follow-ups write only resolved records: failures of the full push stay until a new full push.
        List<String> failed = em().createNativeQuery("""
                SELECT object || ' ' || natural_key || ' ' || coalesce(error_code, status) FROM push_operation
                 WHERE push_id = ?1 AND status IN ('FAILED', 'SKIPPED') ORDER BY 1 LIMIT ?2""")
                .setParameter(1, root.pushId()).setParameter(2, LISTED).getResultList();
        return new ActivationGate.Open(held, failed);
    }

    @Transactional
    public Activation insert(Activation activation) {
        if (Activation.count("planId = ?1 and status in ?2", activation.planId,
                List.of(Activation.Status.SCHEDULED.name(), Activation.Status.ACTIVATING.name())) > 0) {
            throw new ActivationService.AlreadyPending("plan " + activation.planId
                    + " already has a pending activation; wait for it or see GET /api/v1/activations?planId=");
        }
        activation.persist();
        return activation;
    }

    @Transactional
    public Optional<Activation> find(UUID id) {
        return Optional.ofNullable(Activation.findById(id));
    }

    @Transactional
    public List<Activation> list(String planId) {
        return planId == null ? Activation.list("order by createdAt desc")
                : Activation.list("planId = ?1 order by createdAt desc", planId);
    }

    /** Takes the next due activation for this replica (others skip it while the lease lasts). */
    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<UUID> claimDue(String replica, Instant now, Instant leaseUntil) {
        List<Object> ids = em().createNativeQuery("""
                UPDATE activation SET lease_owner = ?1, lease_until = ?2
                 WHERE id = (SELECT id FROM activation
                              WHERE status IN ('SCHEDULED', 'ACTIVATING') AND run_at <= ?3
                                AND (lease_until IS NULL OR lease_until < ?3)
                              ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id""").setParameter(1, replica).setParameter(2, Timestamp.from(leaseUntil))
                .setParameter(3, Timestamp.from(now)).getResultList();
        return ids.stream().findFirst().map(id -> (UUID) id);
    }

    /** Saves what the archive will delete (again, if an earlier attempt saved it) and marks the model requested. */
    @Transactional
    public void saveQuotasAndMarkActivating(UUID id, String targetModelId, String archivedModelId,
                                            String archivedModelName, List<QuotaCarryOver.SavedQuota> quotas,
                                            Instant now) {
        Activation activation = Activation.findById(id);
        activation.targetModelId = targetModelId;
        activation.status = Activation.Status.ACTIVATING.name();
        activation.activatingSince = now;
        activation.runAt = now;
        if (archivedModelId == null && activation.archivedModelId != null) {
            return; // an earlier attempt saved them and the org has archived that model since: keep what was saved
        }
        em().createNativeQuery("DELETE FROM archived_quota WHERE activation_id = ?1").setParameter(1, id)
                .executeUpdate();
        for (QuotaCarryOver.SavedQuota quota : quotas) {
            em().createNativeQuery("""
                    INSERT INTO archived_quota (activation_id, plan_id, model_id, model_name, quota_id,
                        territory_developer_name, owner_id, start_date, amount, quantity, forecasting_type_id, saved_at)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)""")
                    .setParameter(1, id).setParameter(2, activation.planId).setParameter(3, archivedModelId)
                    .setParameter(4, archivedModelName).setParameter(5, quota.quotaId())
                    .setParameter(6, quota.territoryDeveloperName()).setParameter(7, quota.ownerId())
                    .setParameter(8, quota.startDate()).setParameter(9, quota.amount())
                    .setParameter(10, quota.quantity()).setParameter(11, quota.forecastingTypeId())
                    .setParameter(12, Timestamp.from(now)).executeUpdate();
        }
        activation.archivedModelId = archivedModelId;
        activation.archivedModelName = archivedModelName;
    }

    @Transactional
    public List<QuotaCarryOver.SavedQuota> savedQuotas(UUID activationId) {
        return rows(activationId).stream().map(ArchivedQuotaRow::quota).toList();
    }

    /** The plan's saved quotas for the CSV download, oldest activation first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<ArchivedQuotaRow> history(String planId) {
        return toRows(em().createNativeQuery(SELECT_ROWS + " WHERE plan_id = ?1 ORDER BY saved_at, quota_id")
                .setParameter(1, planId).getResultList());
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<ArchivedQuotaRow> rows(UUID activationId) {
        return toRows(em().createNativeQuery(SELECT_ROWS + " WHERE activation_id = ?1 ORDER BY quota_id")
                .setParameter(1, activationId).getResultList());
    }

    private static final String SELECT_ROWS = """
            SELECT activation_id, model_id, model_name, quota_id, territory_developer_name, owner_id, start_date,
                   amount, quantity, forecasting_type_id, recreated, saved_at FROM archived_quota""";

    /** One saved quota, as in the database and the CSV. */
    public record ArchivedQuotaRow(UUID activationId, String modelId, String modelName, QuotaCarryOver.SavedQuota quota,
                                   boolean recreated, Instant savedAt) {
    }

    private static List<ArchivedQuotaRow> toRows(List<Object[]> rows) {
        List<ArchivedQuotaRow> result = new ArrayList<>();
        for (Object[] r : rows) {
            result.add(new ArchivedQuotaRow((UUID) r[0], (String) r[1], (String) r[2],
                    new QuotaCarryOver.SavedQuota((String) r[3], (String) r[4], (String) r[5], (String) r[6],
                            (String) r[7], (String) r[8], (String) r[9]), (Boolean) r[10], toInstant(r[11])));
        }
        return result;
    }

    /** The model is Active: record the re-created quotas, finish, and queue {@code PlanActivated} in one commit. */
    @Transactional
    public void markActive(UUID id, Set<String> recreatedQuotaIds, Instant activatedAt) {
        Activation activation = Activation.findById(id);
        if (!activation.pending()) {
            return; // finished by an earlier run: the event is queued once
        }
        for (String quotaId : recreatedQuotaIds) {
            em().createNativeQuery("UPDATE archived_quota SET recreated = true WHERE activation_id = ?1 AND quota_id = ?2")
                    .setParameter(1, id).setParameter(2, quotaId).executeUpdate();
        }
        long saved = ((Number) em().createNativeQuery("SELECT count(*) FROM archived_quota WHERE activation_id = ?1")
                .setParameter(1, id).getSingleResult()).longValue();
        activation.status = Activation.Status.ACTIVE.name();
        activation.recreatedQuotas = recreatedQuotaIds.size();
        activation.activatedAt = activatedAt;
        activation.finishedAt = activatedAt;
        activation.lastError = null;
        activation.leaseOwner = null;
        activation.leaseUntil = null;
        PlanActivated event = new PlanActivated(PlanActivated.SCHEMA_VERSION,
                Outbox.eventId("PlanActivated", id.toString()), id.toString(), activation.planId,
                activation.targetModelId, activation.modelDeveloperName, activation.archivedModelId, saved,
                recreatedQuotaIds.size(), activation.forced, activation.requestedBy, activatedAt);
        outbox.add("plan", activation.planId, "PlanActivated", Topics.SYNC_ACTIVATIONS, event.eventId(), event);
    }

    /**
     * An attempt did not finish: report it on the row and come back after {@code retryAt}, or give up once the
     * attempts are spent. {@code requestAgain} puts the activation back to SCHEDULED (the org refused the request);
     * otherwise it keeps waiting for the running job.
     */
    @Transactional
    public void attemptFailed(UUID id, String error, boolean requestAgain, Instant retryAt, int maxAttempts,
                              Instant now) {
        Activation activation = Activation.findById(id);
        activation.attempts++;
        activation.lastError = error;
        activation.leaseOwner = null;
        activation.leaseUntil = null;
        if (activation.attempts >= maxAttempts) {
            activation.status = Activation.Status.FAILED.name();
            activation.finishedAt = now;
            return;
        }
        if (requestAgain) {
            activation.status = Activation.Status.SCHEDULED.name();
        }
        activation.runAt = retryAt;
    }

    /** Still Activating within the timeout: look again soon. */
    @Transactional
    public void waitAgain(UUID id, Instant runAt) {
        Activation activation = Activation.findById(id);
        activation.runAt = runAt;
        activation.leaseOwner = null;
        activation.leaseUntil = null;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value);
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }
}
