package dev.planbridge.planning.quota;

import dev.planbridge.planning.audit.AuditLog;
import dev.planbridge.planning.common.FieldError;
import dev.planbridge.planning.common.Page;
import dev.planbridge.planning.common.PlanVersionCache;
import dev.planbridge.planning.common.Problem;
import dev.planbridge.planning.plan.FiscalCalendar;
import dev.planbridge.planning.plan.FiscalPlan;
import dev.planbridge.planning.plan.PeriodType;
import dev.planbridge.planning.plan.PlanChanged;
import dev.planbridge.planning.plan.PlanGuard;
import dev.planbridge.planning.plan.PlanReferences;
import dev.planbridge.planning.territory.Territory;
import dev.planbridge.planning.territory.TerritoryHierarchy;
import dev.planbridge.planning.territory.TerritoryType;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Quota targets of a draft plan and the roll-up check. */
@ApplicationScoped
public class QuotaService {

    private final PlanGuard guard;
    private final AuditLog audit;
    private final PlanReferences references;
    /* The page total per plan version (Hibernate re-translates a count query on every call; every edit bumps it). */
    private final PlanVersionCache<Long> counts = new PlanVersionCache<>();

    public QuotaService(PlanGuard guard, AuditLog audit, PlanReferences references) {
        this.guard = guard;
        this.audit = audit;
        this.references = references;
    }

    /**
     * Why a quota row is not acceptable (shared by the API and the CSV import).
     *
     * @param territoryKnown whether a territory key exists in the plan
     * @param userKnown      whether a user id exists in the CRM mirror
     */
    public static List<FieldError> problems(QuotaRequests.Quota q, FiscalCalendar calendar,
                                            Predicate<String> territoryKnown, Predicate<String> userKnown) {
        List<FieldError> errors = new ArrayList<>();
        if (blank(q.userId()) && blank(q.territoryKey())) {
            errors.add(FieldError.of("userId", "a quota needs a userId, a territoryKey or both"));
        }
        if (!blank(q.territoryKey()) && !territoryKnown.test(q.territoryKey())) {
            errors.add(FieldError.of("territoryKey", "unknown territory '" + q.territoryKey() + "'"));
        }
        if (!blank(q.userId()) && !userKnown.test(q.userId())) {
            errors.add(FieldError.of("userId", "user " + q.userId() + " is not an active record of the CRM mirror"));
        }
        if (q.amount() == null && q.quantity() == null) {
            errors.add(FieldError.of("amount", "a quota needs an amount, a quantity or both"));
        }
        if (q.amount() != null && q.amount().signum() < 0) {
            errors.add(FieldError.of("amount", "must not be negative"));
        }
        if (q.quantity() != null && q.quantity().signum() < 0) {
            errors.add(FieldError.of("quantity", "must not be negative"));
        }
        PeriodType type = null;
        try {
            type = PeriodType.parse(q.periodType());
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of("periodType", e.getMessage()));
        }
        if (type != null) {
            String problem = calendar.periodProblem(q.periodStart(), type);
            if (problem != null) {
                errors.add(FieldError.of("periodStart", problem));
            }
        }
        if (q.rampProfile() != null && !q.rampProfile().isBlank()) {
            try {
                RampProfile.parse(q.rampProfile());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("rampProfile", e.getMessage()));
            }
        } else if (q.rampStart() != null) {
            errors.add(FieldError.of("rampStart", "a ramp start needs a ramp profile"));
        }
        return errors;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Transactional(Transactional.TxType.SUPPORTS) // a read: no JTA transaction, read-only session
    public Page<QuotaRequests.View> list(UUID planId, int page, int size) {
        FiscalPlan plan = PlanGuard.find(planId);
        var query = Quota.<Quota>find("planId", Sort.by("periodStart").and("id"), planId);
        FiscalCalendar calendar = plan.calendar();
        return new Page<>(query.page(page, size).list().stream().map(q -> view(q, calendar)).toList(), page, size,
                counts.get(planId, plan.version, query::count));
    }

    static QuotaRequests.View view(Quota q, FiscalCalendar calendar) {
        return new QuotaRequests.View(q.id, q.userId, q.territoryKey, q.periodStart, q.periodType, q.amount, q.quantity,
                q.forecastingType, q.rampProfile, q.rampStart, q.effectiveAmount(calendar), q.effectiveQuantity(calendar));
    }

    @Transactional
    public QuotaRequests.View add(UUID planId, String ifMatch, QuotaRequests.Quota request, String actor,
                                  FiscalPlan[] planOut) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        List<FieldError> errors = problems(request, plan.calendar(), key -> references.territoryExists(planId, key),
                references::userExists);
        if (!errors.isEmpty()) {
            throw Problem.badRequest("The quota is not acceptable", errors);
        }
        PeriodType type = PeriodType.parse(request.periodType());
        String forecastingType = blank(request.forecastingType()) ? "OpportunityRevenue" : request.forecastingType();
        long duplicates = Quota.count("planId = ?1 and coalesce(userId, '') = ?2 and coalesce(territoryKey, '') = ?3 "
                        + "and periodStart = ?4 and periodType = ?5 and forecastingType = ?6", planId,
                blank(request.userId()) ? "" : request.userId(), blank(request.territoryKey()) ? "" : request.territoryKey(),
                request.periodStart(), type.name(), forecastingType);
        if (duplicates > 0) {
            throw Problem.conflict("A quota for this user/territory, period and forecasting type already exists");
        }
        Quota quota = new Quota();
        quota.planId = planId;
        quota.userId = blank(request.userId()) ? null : request.userId();
        quota.territoryKey = blank(request.territoryKey()) ? null : request.territoryKey();
        quota.periodStart = request.periodStart();
        quota.periodType = type.name();
        quota.amount = request.amount();
        quota.quantity = request.quantity();
        quota.forecastingType = forecastingType;
        quota.rampProfile = blank(request.rampProfile()) ? null : request.rampProfile().trim();
        quota.rampStart = request.rampStart();
        quota.persist();
        guard.changed(plan, new PlanChanged.Metadata());
        audit.record(planId, actor, "create", "quota", String.valueOf(quota.id), null, request);
        planOut[0] = plan;
        return view(quota, plan.calendar());
    }

    @Transactional
    public FiscalPlan delete(UUID planId, long id, String ifMatch, String actor) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        Quota quota = Quota.findById(id);
        if (quota == null || !quota.planId.equals(planId)) {
            throw Problem.notFound("No quota " + id + " in plan " + planId);
        }
        var before = view(quota, plan.calendar());
        quota.delete();
        guard.changed(plan, new PlanChanged.Metadata());
        audit.record(planId, actor, "delete", "quota", String.valueOf(id), before, null);
        return plan;
    }

    /** Roll-up warnings of territory targets (after ramps) against the plan's over-assignment factor. */
    @Transactional
    public List<QuotaRollup.Warning> rollup(UUID planId) {
        FiscalPlan plan = PlanGuard.find(planId);
        Set<String> types = TerritoryType.<TerritoryType>list("planId", planId).stream().map(t -> t.key)
                .collect(Collectors.toSet());
        TerritoryHierarchy.Result tree = TerritoryHierarchy.build(
                Territory.<Territory>list("planId", planId).stream().map(Territory::node).toList(), types);
        if (!tree.ok()) {
            throw Problem.conflict("The stored territory hierarchy is invalid: " + tree.errors());
        }
        FiscalCalendar calendar = plan.calendar();
        List<QuotaRollup.Target> targets = Quota.<Quota>list("planId = ?1 and territoryKey is not null", planId).stream()
                .map(q -> new QuotaRollup.Target(q.territoryKey, q.periodStart, q.periodType, q.effectiveAmount(calendar)))
                .toList();
        return QuotaRollup.check(tree.hierarchy(), targets, plan.overAssignmentFactor);
    }
}
