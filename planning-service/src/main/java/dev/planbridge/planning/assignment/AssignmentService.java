package dev.planbridge.planning.assignment;

import dev.planbridge.planning.audit.AuditLog;
import dev.planbridge.planning.common.FieldError;
import dev.planbridge.planning.common.Page;
import dev.planbridge.planning.common.PlanVersionCache;
import dev.planbridge.planning.common.Problem;
import dev.planbridge.planning.crm.AccountFieldCatalog;
import dev.planbridge.planning.plan.DesiredStateWriter;
import dev.planbridge.planning.plan.FiscalPlan;
import dev.planbridge.planning.plan.PlanChanged;
import dev.planbridge.planning.plan.PlanGuard;
import dev.planbridge.planning.plan.PlanReferences;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Rules, overrides, exclusions and user assignments of a draft plan, and the explanation of one account. */
@ApplicationScoped
public class AssignmentService {

    private final PlanGuard guard;
    private final AuditLog audit;
    private final PlanReferences references;
    private final AgroalDataSource dataSource;
    /* Read-path caches keyed by plan version (every edit bumps it): a page of 50 overrides must not count the
       plan's 100k overrides each time, and an explanation must not re-read the plan's rules each time. */
    private final PlanVersionCache<Long> overrideCounts = new PlanVersionCache<>();
    private final PlanVersionCache<Long> exclusionCounts = new PlanVersionCache<>();
    private final PlanVersionCache<AssignmentEngine> engines = new PlanVersionCache<>();

    public AssignmentService(PlanGuard guard, AuditLog audit, PlanReferences references, AgroalDataSource dataSource) {
        this.guard = guard;
        this.audit = audit;
        this.references = references;
        this.dataSource = dataSource;
    }

    // ---- rules

    @Transactional
    public Page<AssignmentRequests.RuleView> rules(UUID planId, int page, int size) {
        PlanGuard.find(planId);
        var query = AssignmentRule.<AssignmentRule>find("planId", Sort.by("position").and("id"), planId);
        return new Page<>(query.page(page, size).list().stream().map(AssignmentService::view).toList(), page, size,
                query.count());
    }

    static AssignmentRequests.RuleView view(AssignmentRule r) {
        return new AssignmentRequests.RuleView(r.id, r.name, r.position, r.territoryKey,
                PlanAssignmentData.parseCriteria(r.criteria));
    }

    @Transactional
    public AssignmentRequests.RuleView createRule(UUID planId, String ifMatch, AssignmentRequests.Rule request,
                                                  String actor, FiscalPlan[] planOut) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        checkRule(planId, request, null);
        AssignmentRule rule = new AssignmentRule();
        rule.planId = planId;
        applyRule(rule, request);
        rule.persist();
        rulesChanged(plan);
        audit.record(planId, actor, "create", "rule", rule.name, null, request);
        planOut[0] = plan;
        return view(rule);
    }

    @Transactional
    public AssignmentRequests.RuleView updateRule(UUID planId, long ruleId, String ifMatch,
                                                  AssignmentRequests.Rule request, String actor, FiscalPlan[] planOut) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        AssignmentRule rule = rule(planId, ruleId);
        AssignmentRequests.RuleView before = view(rule);
        checkRule(planId, request, ruleId);
        applyRule(rule, request);
        rulesChanged(plan);
        audit.record(planId, actor, "update", "rule", rule.name, before, request);
        planOut[0] = plan;
        return view(rule);
    }

    @Transactional
    public FiscalPlan deleteRule(UUID planId, long ruleId, String ifMatch, String actor) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        AssignmentRule rule = rule(planId, ruleId);
        AssignmentRequests.RuleView before = view(rule);
        rule.delete();
        rulesChanged(plan);
        audit.record(planId, actor, "delete", "rule", before.name(), before, null);
        return plan;
    }

    private void rulesChanged(FiscalPlan plan) {
        Panache.getEntityManager().flush();
        List<RuleDefinition> rules = AssignmentRule.<AssignmentRule>list("planId", plan.id).stream()
                .map(r -> new RuleDefinition(r.id, r.name, r.position, r.territoryKey,
                        PlanAssignmentData.parseCriteria(r.criteria))).toList();
        guard.changed(plan, new PlanChanged.Rules(rules));
    }

    private static AssignmentRule rule(UUID planId, long ruleId) {
        AssignmentRule rule = AssignmentRule.findById(ruleId);
        if (rule == null || !rule.planId.equals(planId)) {
            throw Problem.notFound("No rule " + ruleId + " in plan " + planId);
        }
        return rule;
    }

    private void checkRule(UUID planId, AssignmentRequests.Rule request, Long ruleId) {
        List<FieldError> errors = new ArrayList<>();
        if (!references.territoryExists(planId, request.territoryKey())) {
            errors.add(FieldError.of("territoryKey", "unknown territory '" + request.territoryKey() + "'"));
        }
        request.criteria().problems(AccountFieldCatalog.standard())
                .forEach(p -> errors.add(FieldError.of("criteria." + p.path(), p.reason())));
        AssignmentRule sameName = AssignmentRule.find("planId = ?1 and name = ?2", planId, request.name()).firstResult();
        if (sameName != null && !sameName.id.equals(ruleId)) {
            errors.add(FieldError.of("name", "a rule named '" + request.name() + "' already exists"));
        }
        if (!errors.isEmpty()) {
            throw Problem.badRequest("The rule is not acceptable", errors);
        }
    }

    private static void applyRule(AssignmentRule rule, AssignmentRequests.Rule request) {
        rule.name = request.name();
        rule.position = request.position();
        rule.territoryKey = request.territoryKey();
        rule.criteria = PlanAssignmentData.writeCriteria(request.criteria());
    }

    // ---- overrides and exclusions

    @Transactional(Transactional.TxType.SUPPORTS) // a read: no JTA transaction, read-only session
    public Page<AssignmentRequests.OverrideView> overrides(UUID planId, int page, int size) {
        FiscalPlan plan = PlanGuard.find(planId);
        var query = AccountOverride.<AccountOverride>find("planId", Sort.by("accountId"), planId);
        return new Page<>(query.page(page, size).list().stream()
                .map(o -> new AssignmentRequests.OverrideView(o.accountId, o.territoryKey, o.reason)).toList(),
                page, size, overrideCounts.get(planId, plan.version, query::count));
    }

    @Transactional
    public FiscalPlan putOverride(UUID planId, String accountId, String ifMatch, AssignmentRequests.Override request,
                                  String actor) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        List<FieldError> errors = new ArrayList<>();
        if (!references.accountInBaseline(planId, accountId)) {
            errors.add(FieldError.of("accountId", "account " + accountId + " is not in the plan's baseline"));
        }
        if (!references.territoryExists(planId, request.territoryKey())) {
            errors.add(FieldError.of("territoryKey", "unknown territory '" + request.territoryKey() + "'"));
        }
        if (AccountExclusion.findById(new AccountExclusion.Key(planId, accountId, request.territoryKey())) != null) {
            errors.add(FieldError.of("territoryKey", "account " + accountId + " is excluded from "
                    + request.territoryKey() + "; remove the exclusion first"));
        }
        if (!errors.isEmpty()) {
            throw Problem.badRequest("The override is not acceptable", errors);
        }
        AccountOverride override = AccountOverride.findById(new AccountOverride.Key(planId, accountId));
        AssignmentRequests.OverrideView before = override == null ? null
                : new AssignmentRequests.OverrideView(accountId, override.territoryKey, override.reason);
        boolean created = override == null;
        if (created) {
            override = new AccountOverride();
            override.planId = planId;
            override.accountId = accountId;
        }
        override.territoryKey = request.territoryKey();
        override.reason = request.reason();
        if (created) {
            override.persist();
        }
        placementChanged(plan, accountId, override.territoryKey, override.reason);
        audit.record(planId, actor, before == null ? "create" : "update", "override", accountId, before,
                new AssignmentRequests.OverrideView(accountId, request.territoryKey(), request.reason()));
        return plan;
    }

    @Transactional
    public FiscalPlan deleteOverride(UUID planId, String accountId, String ifMatch, String actor) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        AccountOverride override = AccountOverride.findById(new AccountOverride.Key(planId, accountId));
        if (override == null) {
            throw Problem.notFound("Account " + accountId + " has no override in plan " + planId);
        }
        var before = new AssignmentRequests.OverrideView(accountId, override.territoryKey, override.reason);
        override.delete();
        placementChanged(plan, accountId, null, null);
        audit.record(planId, actor, "delete", "override", accountId, before, null);
        return plan;
    }

    @Transactional
    public Page<AssignmentRequests.Exclusion> exclusions(UUID planId, int page, int size) {
        FiscalPlan plan = PlanGuard.find(planId);
        var query = AccountExclusion.<AccountExclusion>find("planId", Sort.by("accountId").and("territoryKey"), planId);
        return new Page<>(query.page(page, size).list().stream()
                .map(e -> new AssignmentRequests.Exclusion(e.accountId, e.territoryKey, e.reason)).toList(),
                page, size, exclusionCounts.get(planId, plan.version, query::count));
    }

    @Transactional
    public FiscalPlan addExclusion(UUID planId, String ifMatch, AssignmentRequests.Exclusion request, String actor) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        List<FieldError> errors = new ArrayList<>();
        if (!references.accountInBaseline(planId, request.accountId())) {
            errors.add(FieldError.of("accountId", "account " + request.accountId() + " is not in the plan's baseline"));
        }
        if (!references.territoryExists(planId, request.territoryKey())) {
            errors.add(FieldError.of("territoryKey", "unknown territory '" + request.territoryKey() + "'"));
        }
        AccountOverride override = AccountOverride.findById(new AccountOverride.Key(planId, request.accountId()));
        if (override != null && override.territoryKey.equals(request.territoryKey())) {
            errors.add(FieldError.of("territoryKey", "account " + request.accountId() + " is overridden into "
                    + request.territoryKey() + "; remove the override first"));
        }
        if (!errors.isEmpty()) {
            throw Problem.badRequest("The exclusion is not acceptable", errors);
        }
        if (AccountExclusion.findById(new AccountExclusion.Key(planId, request.accountId(), request.territoryKey())) == null) {
            AccountExclusion exclusion = new AccountExclusion();
            exclusion.planId = planId;
            exclusion.accountId = request.accountId();
            exclusion.territoryKey = request.territoryKey();
            exclusion.reason = request.reason();
            exclusion.persist();
        }
        placementChanged(plan, request.accountId(), override == null ? null : override.territoryKey,
                override == null ? null : override.reason);
        audit.record(planId, actor, "create", "exclusion", request.accountId() + "/" + request.territoryKey(), null, request);
        return plan;
    }

    @Transactional
    public FiscalPlan deleteExclusion(UUID planId, String accountId, String territoryKey, String ifMatch, String actor) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        AccountExclusion exclusion = AccountExclusion.findById(new AccountExclusion.Key(planId, accountId, territoryKey));
        if (exclusion == null) {
            throw Problem.notFound("Account " + accountId + " is not excluded from " + territoryKey);
        }
        var before = new AssignmentRequests.Exclusion(accountId, territoryKey, exclusion.reason);
        exclusion.delete();
        AccountOverride override = AccountOverride.findById(new AccountOverride.Key(planId, accountId));
        placementChanged(plan, accountId, override == null ? null : override.territoryKey,
                override == null ? null : override.reason);
        audit.record(planId, actor, "delete", "exclusion", accountId + "/" + territoryKey, before, null);
        return plan;
    }

    private void placementChanged(FiscalPlan plan, String accountId, String overrideTerritory, String reason) {
        Panache.getEntityManager().flush();
        Set<String> exclusions = new TreeSet<>();
        AccountExclusion.<AccountExclusion>list("planId = ?1 and accountId = ?2", plan.id, accountId)
                .forEach(e -> exclusions.add(e.territoryKey));
        guard.changed(plan, new PlanChanged.AccountPlacement(accountId, overrideTerritory, reason, exclusions));
    }

    // ---- user assignments

    @Transactional
    public List<AssignmentRequests.UserAssignmentView> userAssignments(UUID planId) {
        PlanGuard.find(planId);
        return UserAssignment.<UserAssignment>find("planId", Sort.by("territoryKey").and("startDate").and("id"), planId)
                .list().stream().map(AssignmentService::view).toList();
    }

    static AssignmentRequests.UserAssignmentView view(UserAssignment u) {
        return new AssignmentRequests.UserAssignmentView(u.id, u.territoryKey, u.userId, u.role, u.startDate, u.endDate,
                u.splitPercent);
    }

    @Transactional
    public AssignmentRequests.UserAssignmentView addUserAssignment(UUID planId, String ifMatch,
                                                                   AssignmentRequests.UserAssignment request,
                                                                   String actor, FiscalPlan[] planOut) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        List<FieldError> errors = new ArrayList<>();
        if (!references.territoryExists(planId, request.territoryKey())) {
            errors.add(FieldError.of("territoryKey", "unknown territory '" + request.territoryKey() + "'"));
        }
        if (!references.userExists(request.userId())) {
            errors.add(FieldError.of("userId", "user " + request.userId() + " is not an active record of the CRM mirror"));
        }
        if (request.endDate() != null && request.endDate().isBefore(plan.fiscalYearStart)) {
            errors.add(FieldError.of("endDate", "the assignment ends before the fiscal year starts"));
        }
        if (!request.startDate().isBefore(plan.calendar().endExclusive())) {
            errors.add(FieldError.of("startDate", "the assignment starts after the fiscal year ends"));
        }
        List<OwnerOverlap.Period> periods = new ArrayList<>(UserAssignment.<UserAssignment>list(
                "planId = ?1 and territoryKey = ?2", planId, request.territoryKey()).stream().map(UserAssignment::period).toList());
        periods.add(new OwnerOverlap.Period(request.territoryKey(), request.userId(), request.role(), request.startDate(),
                request.endDate()));
        errors.addAll(OwnerOverlap.check(periods));
        if (!errors.isEmpty()) {
            throw Problem.badRequest("The user assignment is not acceptable", errors);
        }
        UserAssignment assignment = new UserAssignment();
        assignment.planId = planId;
        assignment.territoryKey = request.territoryKey();
        assignment.userId = request.userId();
        assignment.role = request.role();
        assignment.startDate = request.startDate();
        assignment.endDate = request.endDate();
        assignment.splitPercent = request.splitPercent();
        assignment.persist();
        guard.changed(plan, new PlanChanged.Metadata());
        audit.record(planId, actor, "create", "userAssignment", request.territoryKey() + "/" + request.userId(), null, request);
        planOut[0] = plan;
        return view(assignment);
    }

    @Transactional
    public FiscalPlan deleteUserAssignment(UUID planId, long id, String ifMatch, String actor) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        UserAssignment assignment = UserAssignment.findById(id);
        if (assignment == null || !assignment.planId.equals(planId)) {
            throw Problem.notFound("No user assignment " + id + " in plan " + planId);
        }
        var before = view(assignment);
        assignment.delete();
        guard.changed(plan, new PlanChanged.Metadata());
        audit.record(planId, actor, "delete", "userAssignment", before.territoryKey() + "/" + before.userId(), before, null);
        return plan;
    }

    // ---- explanation

    @Transactional(Transactional.TxType.SUPPORTS) // a read: no JTA transaction, read-only session
    public AssignmentRequests.Explanation explain(UUID planId, String accountId) {
        FiscalPlan plan = PlanGuard.find(planId);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT a.account_id, a.name, a.owner_id, a.billing_country, a.billing_state, a.billing_postal_code,
                       a.industry, a.employees, a.annual_revenue, a.segment, a.parent_id, a.system_modstamp,
                       o.territory_key, o.reason,
                       (SELECT array_agg(e.territory_key ORDER BY e.territory_key) FROM account_exclusion e
                         WHERE e.plan_id = a.plan_id AND e.account_id = a.account_id)
                FROM plan_account a
                LEFT JOIN account_override o ON o.plan_id = a.plan_id AND o.account_id = a.account_id
                WHERE a.plan_id = ? AND a.account_id = ?""")) {
            s.setObject(1, planId);
            s.setString(2, accountId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw Problem.notFound("Account " + accountId + " is not in the baseline of plan " + planId);
                }
                AccountFacts facts = DesiredStateWriter.accountFacts(rs);
                java.sql.Array array = rs.getArray(15);
                List<String> excluded = array == null ? List.of() : List.of((String[]) array.getArray());
                AssignmentEngine engine = engines.get(planId, plan.version, () -> {
                    try {
                        return new AssignmentEngine(PlanAssignmentData.rules(c, planId));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Assignment a = engine.explain(facts, rs.getString(13), rs.getString(14), Set.copyOf(excluded));
                return new AssignmentRequests.Explanation(accountId, facts.name(), a.territoryKey(), a.source().name(),
                        a.assignedBy(), a.ruleId(), a.ruleName(), a.overrideReason(), excluded, a.explanation());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
