package dev.planbridge.planning.report;

import dev.planbridge.planning.assignment.AccountFacts;
import dev.planbridge.planning.assignment.PlanAssignmentData;
import dev.planbridge.planning.crm.AccountFieldCatalog;
import dev.planbridge.planning.metric.AccountMetrics;
import dev.planbridge.planning.metric.PlanMetricsStore;
import dev.planbridge.planning.plan.DesiredStateWriter;
import dev.planbridge.planning.plan.PlanChanged;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-plan {@link PlanAssignmentState}s, built on first use and then updated by committed edits
 * ({@link PlanChanged} after commit). A state that missed a version (another replica edited, or a bulk change)
 * is dropped and rebuilt on the next read, so reports never show a stale version.
 */
@ApplicationScoped
public class AssignmentStateCache {

    private final AgroalDataSource dataSource;
    private final Map<UUID, PlanAssignmentState> states = new ConcurrentHashMap<>();

    public AssignmentStateCache(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The state at {@code version}; rebuilt from the database when missing or behind. */
    public PlanAssignmentState state(UUID planId, long version) {
        PlanAssignmentState state = states.get(planId);
        if (state != null && state.version() == version) {
            return state;
        }
        PlanAssignmentState built = build(planId, version);
        states.put(planId, built);
        return built;
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) PlanChanged changed) {
        PlanAssignmentState state = states.get(changed.planId());
        if (state == null) {
            return;
        }
        synchronized (state) {
            if (state.version() != changed.previousVersion()) {
                states.remove(changed.planId(), state);
                return;
            }
            PlanChanged.Change change = changed.change();
            if (change instanceof PlanChanged.AccountPlacement p) {
                state.replacePlacement(p.accountId(), p.overrideTerritory(), p.overrideReason(), p.exclusions());
            } else if (change instanceof PlanChanged.Overrides o) {
                o.byAccount().forEach((account, placement) ->
                        state.replaceOverride(account, placement.territoryKey(), placement.reason()));
            } else if (change instanceof PlanChanged.Rules r) {
                state.replaceRules(r.rules());
            } else if (change instanceof PlanChanged.Bulk) {
                states.remove(changed.planId(), state);
                return;
            } else if (change instanceof PlanChanged.Metadata) {
                state.metadata(null);
            }
            // Metadata: territories, people or quotas changed; no account moved
            state.version(changed.newVersion());
        }
    }

    public void evict(UUID planId) {
        states.remove(planId);
    }

    private PlanAssignmentState build(UUID planId, long version) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                PlanAssignmentState state = new PlanAssignmentState(version, PlanAssignmentData.rules(c, planId),
                        AccountMetrics.compile(PlanMetricsStore.read(c, planId), AccountFieldCatalog.standard()));
                Map<String, Object[]> pipeline = new HashMap<>();
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT o.account_id, sum(coalesce(o.amount, 0)), count(*) FROM crm_opportunity o
                        JOIN plan_account a ON a.account_id = o.account_id AND a.plan_id = ?
                        WHERE NOT o.deleted AND NOT coalesce(o.is_closed, false) GROUP BY o.account_id""")) {
                    s.setObject(1, planId);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            pipeline.put(rs.getString(1), new Object[] {rs.getBigDecimal(2), rs.getLong(3)});
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT a.account_id, a.name, a.owner_id, a.billing_country, a.billing_state, a.billing_postal_code,
                               a.industry, a.employees, a.annual_revenue, a.segment, a.parent_id, a.system_modstamp,
                               o.territory_key, o.reason,
                               (SELECT array_agg(e.territory_key) FROM account_exclusion e
                                 WHERE e.plan_id = a.plan_id AND e.account_id = a.account_id)
                        FROM plan_account a
                        LEFT JOIN account_override o ON o.plan_id = a.plan_id AND o.account_id = a.account_id
                        WHERE a.plan_id = ?""")) {
                    s.setFetchSize(5000);
                    s.setObject(1, planId);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            AccountFacts facts = DesiredStateWriter.accountFacts(rs);
                            Array excluded = rs.getArray(15);
                            Object[] open = pipeline.get(facts.id());
                            state.addAccount(facts, open == null ? BigDecimal.ZERO : (BigDecimal) open[0],
                                    open == null ? 0 : (Long) open[1], rs.getString(13), rs.getString(14),
                                    excluded == null ? Set.of() : Set.of((String[]) excluded.getArray()));
                        }
                    }
                }
                return state;
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot load the assignments of plan " + planId, e);
        }
    }
}
