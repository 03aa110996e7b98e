package dev.planbridge.planning.territory;

import dev.planbridge.planning.audit.AuditLog;
import dev.planbridge.planning.common.FieldError;
import dev.planbridge.planning.common.Page;
import dev.planbridge.planning.common.PlanVersionCache;
import dev.planbridge.planning.common.Problem;
import dev.planbridge.planning.plan.FiscalPlan;
import dev.planbridge.planning.plan.PlanChanged;
import dev.planbridge.planning.plan.PlanGuard;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Territory types and the territory tree of a draft plan; every change re-checks the whole tree. */
@ApplicationScoped
public class TerritoryService {

    private final PlanGuard guard;
    private final AuditLog audit;
    /* The page total per plan version: Hibernate re-translates a count query on every call (a quarter of the CPU
       of a page read under load, measured with JFR), and every territory edit bumps the version anyway. */
    private final PlanVersionCache<Long> counts = new PlanVersionCache<>();

    public TerritoryService(PlanGuard guard, AuditLog audit) {
        this.guard = guard;
        this.audit = audit;
    }

    @Transactional
    public List<TerritoryRequests.Type> types(UUID planId) {
        PlanGuard.find(planId);
        return TerritoryType.<TerritoryType>find("planId", Sort.by("priority"), planId).list().stream()
                .map(t -> new TerritoryRequests.Type(t.key, t.label, t.priority)).toList();
    }

    @Transactional
    public FiscalPlan putType(UUID planId, String ifMatch, TerritoryRequests.Type request, String actor) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        TerritoryType clash = TerritoryType.find("planId = ?1 and priority = ?2 and key <> ?3", planId,
                request.priority(), request.key()).firstResult();
        if (clash != null) {
            throw Problem.badRequest("Territory type priorities are unique per plan",
                    List.of(FieldError.of("priority", "priority " + request.priority() + " is used by " + clash.key)));
        }
        TerritoryType type = TerritoryType.findById(new TerritoryType.Key(planId, request.key()));
        TerritoryRequests.Type before = type == null ? null : new TerritoryRequests.Type(type.key, type.label, type.priority);
        boolean created = type == null;
        if (created) {
            type = new TerritoryType();
            type.planId = planId;
            type.key = request.key();
        }
        type.label = request.label();
        type.priority = request.priority();
        if (created) {
            type.persist();
        }
        guard.changed(plan, new PlanChanged.Metadata());
        audit.record(planId, actor, before == null ? "create" : "update", "territoryType", request.key(), before, request);
        return plan;
    }

    @Transactional(Transactional.TxType.SUPPORTS) // a read: no JTA transaction, read-only session
    public Page<TerritoryRequests.View> list(UUID planId, int page, int size) {
        FiscalPlan plan = PlanGuard.find(planId);
        var query = Territory.<Territory>find("planId", Sort.by("key"), planId);
        return new Page<>(query.page(page, size).list().stream().map(TerritoryRequests.View::of).toList(), page, size,
                counts.get(planId, plan.version, query::count));
    }

    @Transactional
    public FiscalPlan create(UUID planId, String ifMatch, TerritoryRequests.Territory request, String actor) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        Territory territory = new Territory();
        territory.planId = planId;
        apply(territory, request);
        List<Territory> all = new ArrayList<>(Territory.list("planId", planId));
        all.add(territory);
        check(planId, all);
        territory.persist();
        guard.changed(plan, new PlanChanged.Metadata());
        audit.record(planId, actor, "create", "territory", territory.key, null, TerritoryRequests.View.of(territory));
        return plan;
    }

    @Transactional
    public FiscalPlan update(UUID planId, String key, String ifMatch, TerritoryRequests.Territory request, String actor) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        if (!key.equals(request.key())) {
            throw Problem.badRequest("A territory's key cannot change (it is its Salesforce DeveloperName)",
                    List.of(FieldError.of("key", "must equal '" + key + "'")));
        }
        Territory territory = Territory.find("planId = ?1 and key = ?2", planId, key).firstResult();
        if (territory == null) {
            throw Problem.notFound("No territory " + key + " in plan " + planId);
        }
        TerritoryRequests.View before = TerritoryRequests.View.of(territory);
        Panache.getEntityManager().detach(territory);
        apply(territory, request);
        List<Territory> all = Territory.<Territory>list("planId", planId).stream()
                .map(t -> t.key.equals(key) ? territory : t).collect(Collectors.toList());
        check(planId, all);
        Panache.getEntityManager().merge(territory);
        guard.changed(plan, new PlanChanged.Metadata());
        audit.record(planId, actor, "update", "territory", key, before, TerritoryRequests.View.of(territory));
        return plan;
    }

    @Transactional
    public FiscalPlan delete(UUID planId, String key, String ifMatch, String actor) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        Territory territory = Territory.find("planId = ?1 and key = ?2", planId, key).firstResult();
        if (territory == null) {
            throw Problem.notFound("No territory " + key + " in plan " + planId);
        }
        List<String> usedBy = new ArrayList<>();
        count(usedBy, "child territories", Territory.count("planId = ?1 and parentKey = ?2", planId, key));
        count(usedBy, "rules", dev.planbridge.planning.assignment.AssignmentRule.count("planId = ?1 and territoryKey = ?2", planId, key));
        count(usedBy, "overrides", dev.planbridge.planning.assignment.AccountOverride.count("planId = ?1 and territoryKey = ?2", planId, key));
        count(usedBy, "exclusions", dev.planbridge.planning.assignment.AccountExclusion.count("planId = ?1 and territoryKey = ?2", planId, key));
        count(usedBy, "user assignments", dev.planbridge.planning.assignment.UserAssignment.count("planId = ?1 and territoryKey = ?2", planId, key));
        count(usedBy, "quotas", dev.planbridge.planning.quota.Quota.count("planId = ?1 and territoryKey = ?2", planId, key));
        if (!usedBy.isEmpty()) {
            throw Problem.conflict("Territory " + key + " is still used by " + String.join(", ", usedBy));
        }
        TerritoryRequests.View before = TerritoryRequests.View.of(territory);
        territory.delete();
        guard.changed(plan, new PlanChanged.Bulk());
        audit.record(planId, actor, "delete", "territory", key, before, null);
        return plan;
    }

    private static void count(List<String> usedBy, String what, long count) {
        if (count > 0) {
            usedBy.add(count + " " + what);
        }
    }

    private static void apply(Territory territory, TerritoryRequests.Territory request) {
        territory.key = request.key();
        territory.name = request.name();
        territory.typeKey = request.typeKey();
        territory.parentKey = request.parentKey() == null || request.parentKey().isBlank() ? null : request.parentKey();
        territory.headcountCapacity = request.headcountCapacity();
    }

    private static void check(UUID planId, List<Territory> all) {
        Set<String> types = TerritoryType.<TerritoryType>list("planId", planId).stream().map(t -> t.key)
                .collect(Collectors.toSet());
        TerritoryHierarchy.Result result = TerritoryHierarchy.build(all.stream().map(Territory::node).toList(), types);
        if (!result.ok()) {
            throw Problem.badRequest("The territory hierarchy would be invalid", result.errors());
        }
    }
}
