package dev.planbridge.planning.plan;

import dev.planbridge.contracts.Topics;
import dev.planbridge.contracts.plan.PlanApproved;
import dev.planbridge.planning.audit.AuditLog;
import dev.planbridge.planning.common.FieldError;
import dev.planbridge.planning.common.Page;
import dev.planbridge.planning.common.Problem;
import dev.planbridge.support.outbox.Outbox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creating, forking and moving plans through review; approval writes the plan and its event in one transaction. */
@ApplicationScoped
public class PlanService {

    private final PlanGuard guard;
    private final AuditLog audit;
    private final AgroalDataSource dataSource;
    private final DesiredStateWriter desiredState;
    private final Outbox outbox;

    public PlanService(PlanGuard guard, AuditLog audit, AgroalDataSource dataSource, DesiredStateWriter desiredState,
                       Outbox outbox) {
        this.guard = guard;
        this.audit = audit;
        this.dataSource = dataSource;
        this.desiredState = desiredState;
        this.outbox = outbox;
    }

    @Transactional
    public FiscalPlan create(PlanRequests.Create request, String actor) {
        FiscalCalendar calendar;
        try {
            calendar = new FiscalCalendar(request.fiscalYearStart());
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("Invalid fiscal year", List.of(FieldError.of("fiscalYearStart", e.getMessage())));
        }
        Instant now = Instant.now();
        FiscalPlan plan = FiscalPlan.draft(request.name().trim(), calendar, actor, now);
        if (request.assignAccountOwners() != null) {
            plan.assignAccountOwners = request.assignAccountOwners();
        }
        if (request.overAssignmentFactor() != null) {
            plan.overAssignmentFactor = request.overAssignmentFactor();
        }
        if (request.autoPush() != null) {
            plan.changeAutoPush(request.autoPush());
        }
        plan.persist();
        Panache.getEntityManager().flush();
        snapshotBaseline(plan, now);
        audit.record(plan.id, actor, "create", "plan", plan.id.toString(), null, PlanView.of(plan));
        return plan;
    }

    /**
     * Takes a copy of the CRM mirror as the plan's baseline: accounts (one INSERT ... SELECT) and the
     * ForecastingQuota rows with their territory's DeveloperName.
     */
    private void snapshotBaseline(FiscalPlan plan, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement copy = c.prepareStatement("""
                    INSERT INTO plan_account (plan_id, account_id, name, owner_id, billing_country, billing_state,
                        billing_postal_code, industry, employees, annual_revenue, segment, parent_id, system_modstamp)
                    SELECT ?, id, name, owner_id, billing_country, billing_state, billing_postal_code, industry,
                        employees, annual_revenue, segment, parent_id, system_modstamp
                    FROM crm_account WHERE NOT deleted""")) {
                copy.setObject(1, plan.id);
                copy.executeUpdate();
            }
            try (PreparedStatement quotas = c.prepareStatement("""
                    INSERT INTO plan_quota_baseline (plan_id, quota_id, owner_id, territory_key, period_start,
                        forecasting_type_id, amount, quantity)
                    SELECT ?, q.id, f ->> 'QuotaOwnerId', t.fields::jsonb ->> 'DeveloperName',
                        CAST(NULLIF(f ->> 'StartDate', '') AS date), f ->> 'ForecastingTypeId',
                        CAST(NULLIF(f ->> 'QuotaAmount', '') AS numeric), CAST(NULLIF(f ->> 'QuotaQuantity', '') AS numeric)
                    FROM crm_record q
                    CROSS JOIN LATERAL (SELECT q.fields::jsonb AS f) image
                    LEFT JOIN crm_record t ON t.object = 'Territory2' AND t.id = f ->> 'Territory2Id' AND NOT t.deleted
                    WHERE q.object = 'ForecastingQuota' AND NOT q.deleted""")) {
                quotas.setObject(1, plan.id);
                quotas.executeUpdate();
            }
            try (PreparedStatement max = c.prepareStatement(
                    "SELECT max(system_modstamp) FROM plan_account WHERE plan_id = ?")) {
                max.setObject(1, plan.id);
                try (ResultSet rs = max.executeQuery()) {
                    rs.next();
                    Timestamp stamp = rs.getTimestamp(1);
                    plan.baselineModstamp = stamp == null ? null : stamp.toInstant();
                }
            }
            plan.baselineAt = now;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot snapshot the baseline", e);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS) // a read: no JTA transaction, read-only session
    public Page<PlanView> list(PlanStatus status, int page, int size) {
        var query = status == null ? FiscalPlan.<FiscalPlan>findAll(Sort.by("createdAt").descending().and("id"))
                : FiscalPlan.<FiscalPlan>find("status", Sort.by("createdAt").descending().and("id"), status);
        List<PlanView> items = query.page(page, size).list().stream().map(PlanView::of).toList();
        return new Page<>(items, page, size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS) // a read: no JTA transaction, read-only session
    public FiscalPlan get(UUID planId) {
        return PlanGuard.find(planId);
    }

    @Transactional
    public FiscalPlan update(UUID planId, String ifMatch, PlanRequests.Update request, String actor) {
        // A plan in review keeps its content; only how it is executed after approval (auto-push) may still change.
        FiscalPlan plan = request.onlyAutoPush() ? guard.lock(planId, ifMatch) : guard.lockForEdit(planId, ifMatch);
        PlanView before = PlanView.of(plan);
        if (request.autoPush() != null) {
            plan.changeAutoPush(request.autoPush());
        }
        if (request.name() != null) {
            plan.name = request.name().trim();
        }
        if (request.assignAccountOwners() != null) {
            plan.assignAccountOwners = request.assignAccountOwners();
        }
        if (request.overAssignmentFactor() != null) {
            plan.overAssignmentFactor = request.overAssignmentFactor();
        }
        guard.changed(plan, new PlanChanged.Metadata());
        audit.record(plan.id, actor, "update", "plan", plan.id.toString(), before, PlanView.of(plan));
        return plan;
    }

    /** A what-if copy: same baseline and content, new draft owned by the caller. */
    @Transactional
    public FiscalPlan fork(UUID sourceId, PlanRequests.Fork request, String actor) {
        FiscalPlan source = PlanGuard.find(sourceId);
        Instant now = Instant.now();
        FiscalPlan fork = FiscalPlan.draft(request.name().trim(), source.calendar(), actor, now);
        fork.forkedFrom = source.id;
        fork.assignAccountOwners = source.assignAccountOwners;
        fork.overAssignmentFactor = source.overAssignmentFactor;
        fork.autoPush = source.autoPush;
        fork.baselineAt = source.baselineAt;
        fork.baselineModstamp = source.baselineModstamp;
        fork.persist();
        Panache.getEntityManager().flush();
        String[] copies = {
            "INSERT INTO territory_type (plan_id, key, label, priority) SELECT ?, key, label, priority FROM territory_type WHERE plan_id = ?",
            "INSERT INTO territory (plan_id, key, name, type_key, parent_key, headcount_capacity) SELECT ?, key, name, type_key, parent_key, headcount_capacity FROM territory WHERE plan_id = ?",
            "INSERT INTO assignment_rule (plan_id, name, position, territory_key, criteria) SELECT ?, name, position, territory_key, criteria FROM assignment_rule WHERE plan_id = ?",
            "INSERT INTO account_override (plan_id, account_id, territory_key, reason) SELECT ?, account_id, territory_key, reason FROM account_override WHERE plan_id = ?",
            "INSERT INTO account_exclusion (plan_id, account_id, territory_key, reason) SELECT ?, account_id, territory_key, reason FROM account_exclusion WHERE plan_id = ?",
            "INSERT INTO user_assignment (plan_id, territory_key, user_id, role, start_date, end_date, split_percent) SELECT ?, territory_key, user_id, role, start_date, end_date, split_percent FROM user_assignment WHERE plan_id = ?",
            "INSERT INTO quota (plan_id, user_id, territory_key, period_start, period_type, amount, quantity, forecasting_type, ramp_profile, ramp_start) SELECT ?, user_id, territory_key, period_start, period_type, amount, quantity, forecasting_type, ramp_profile, ramp_start FROM quota WHERE plan_id = ?",
            "INSERT INTO plan_quota_baseline (plan_id, quota_id, owner_id, territory_key, period_start, forecasting_type_id, amount, quantity) SELECT ?, quota_id, owner_id, territory_key, period_start, forecasting_type_id, amount, quantity FROM plan_quota_baseline WHERE plan_id = ?",
            "INSERT INTO plan_account (plan_id, account_id, name, owner_id, billing_country, billing_state, billing_postal_code, industry, employees, annual_revenue, segment, parent_id, system_modstamp) SELECT ?, account_id, name, owner_id, billing_country, billing_state, billing_postal_code, industry, employees, annual_revenue, segment, parent_id, system_modstamp FROM plan_account WHERE plan_id = ?"
        };
        try (Connection c = dataSource.getConnection()) {
            for (String sql : copies) {
                try (PreparedStatement copy = c.prepareStatement(sql)) {
                    copy.setObject(1, fork.id);
                    copy.setObject(2, source.id);
                    copy.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot fork plan " + sourceId, e);
        }
        audit.record(fork.id, actor, "fork", "plan", fork.id.toString(), Map.of("forkedFrom", source.id), PlanView.of(fork));
        return fork;
    }

    @Transactional
    public FiscalPlan submit(UUID planId, String ifMatch, String actor) {
        FiscalPlan plan = guard.lock(planId, ifMatch);
        long territories = dev.planbridge.planning.territory.Territory.count("planId", planId);
        if (territories == 0 && plan.status == PlanStatus.DRAFT) {
            throw Problem.conflict("A plan without territories cannot be submitted");
        }
        PlanStatus before = plan.status;
        plan.submit(actor, Instant.now());
        audit.record(plan.id, actor, "submit", "plan", plan.id.toString(), Map.of("status", before),
                Map.of("status", plan.status));
        return plan;
    }

    /**
     * Approves the plan: its final state (status, checksum of the desired state) and the {@code PlanApproved}
     * outbox row commit together, so the event is neither lost nor published without the approval.
     */
    @Transactional
    public FiscalPlan approve(UUID planId, String ifMatch, String comment, String actor) {
        FiscalPlan plan = guard.lock(planId, ifMatch);
        if (plan.status == PlanStatus.IN_REVIEW && actor.equals(plan.author)) {
            throw Problem.forbidden("The author of a plan cannot approve it; another approver must");
        }
        Panache.getEntityManager().flush();
        String checksum;
        try (Connection c = dataSource.getConnection()) {
            checksum = desiredState.checksum(c, plan);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot compute the plan checksum", e);
        }
        plan.approve(actor, comment, checksum, Instant.now());
        supersedeEarlierApprovals(plan, actor);
        PlanApproved event = new PlanApproved(PlanApproved.SCHEMA_VERSION, UUID.randomUUID().toString(),
                plan.id.toString(), plan.name, plan.version, checksum, actor, plan.decidedAt,
                "/api/v1/plans/" + plan.id + "/desired-state", plan.autoPush);
        outbox.add("plan", plan.id.toString(), PlanApproved.TYPE, Topics.PLAN_EVENTS, event.eventId(), event);
        audit.record(plan.id, actor, "approve", "plan", plan.id.toString(), Map.of("status", PlanStatus.IN_REVIEW),
                Map.of("status", plan.status, "checksum", checksum, "comment", comment == null ? "" : comment,
                        "autoPush", plan.autoPush));
        return plan;
    }

    /**
     * One plan per fiscal year is the one to execute: approving a plan supersedes the plans of the same fiscal year
     * approved before it (whether pushed or not), in the same transaction. A superseded plan ignores later sync
     * results and can still be read, compared and forked.
     */
    private void supersedeEarlierApprovals(FiscalPlan approved, String actor) {
        List<FiscalPlan> earlier = FiscalPlan.<FiscalPlan>find("fiscalYearStart = ?1 and id <> ?2 and status in ?3",
                        approved.fiscalYearStart, approved.id, PlanStatus.EXECUTABLE)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
        for (FiscalPlan plan : earlier) {
            PlanStatus before = plan.status;
            plan.supersede(approved.decidedAt);
            audit.record(plan.id, actor, "supersede", "plan", plan.id.toString(), Map.of("status", before),
                    Map.of("status", plan.status, "supersededBy", approved.id.toString()));
        }
    }

    @Transactional
    public FiscalPlan reject(UUID planId, String ifMatch, String comment, String actor) {
        FiscalPlan plan = guard.lock(planId, ifMatch);
        plan.reject(actor, comment, Instant.now());
        audit.record(plan.id, actor, "reject", "plan", plan.id.toString(), Map.of("status", PlanStatus.IN_REVIEW),
                Map.of("status", plan.status, "comment", comment));
        return plan;
    }
}
