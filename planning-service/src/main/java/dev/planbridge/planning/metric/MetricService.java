package dev.planbridge.planning.metric;

import dev.planbridge.planning.audit.AuditLog;
import dev.planbridge.planning.common.FieldError;
import dev.planbridge.planning.common.Problem;
import dev.planbridge.planning.crm.AccountFieldCatalog;
import dev.planbridge.planning.plan.FiscalPlan;
import dev.planbridge.planning.plan.PlanChanged;
import dev.planbridge.planning.plan.PlanGuard;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** A plan's chosen balancer metrics and potential field: read, and replaced as a whole under the plan's ETag. */
@ApplicationScoped
public class MetricService {

    private final PlanGuard guard;
    private final AuditLog audit;

    public MetricService(PlanGuard guard, AuditLog audit) {
        this.guard = guard;
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PlanMetrics metrics(UUID planId) {
        PlanGuard.find(planId);
        List<?> rows = Panache.getEntityManager()
                .createNativeQuery("SELECT settings FROM plan_metrics WHERE plan_id = ?1")
                .setParameter(1, planId).getResultList();
        return rows.isEmpty() ? PlanMetrics.defaults() : PlanMetricsStore.parse((String) rows.get(0));
    }

    /** Replaces the settings; the balancer's state is rebuilt because every account's contributions change. */
    @Transactional
    public FiscalPlan replace(UUID planId, String ifMatch, PlanMetrics settings, String actor) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        List<FieldError> problems = settings.problems(AccountFieldCatalog.standard());
        if (!problems.isEmpty()) {
            throw Problem.badRequest("The metrics are not acceptable", problems);
        }
        PlanMetrics before = metrics(planId);
        Panache.getEntityManager().createNativeQuery("""
                INSERT INTO plan_metrics (plan_id, settings) VALUES (?1, ?2)
                ON CONFLICT (plan_id) DO UPDATE SET settings = EXCLUDED.settings""")
                .setParameter(1, planId).setParameter(2, PlanMetricsStore.write(settings)).executeUpdate();
        guard.changed(plan, new PlanChanged.Bulk());
        audit.record(planId, actor, "update", "metrics", planId.toString(), before, settings);
        return plan;
    }
}
