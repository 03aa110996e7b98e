package dev.planbridge.planning.plan;

import dev.planbridge.planning.assignment.AccountFacts;
import dev.planbridge.planning.assignment.AssignmentEngine;
import dev.planbridge.planning.assignment.PlanAssignmentData;
import dev.planbridge.planning.audit.AuditLog;
import dev.planbridge.planning.common.Page;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What changed in the CRM since a plan's baseline (owner changes, new accounts and whether a rule covers them,
 * deletions, attribute changes that move an account under the rules), and refreshing the baseline of chosen accounts.
 */
@ApplicationScoped
public class BaselineService {

    private final AgroalDataSource dataSource;
    private final PlanGuard guard;
    private final AuditLog audit;

    public BaselineService(AgroalDataSource dataSource, PlanGuard guard, AuditLog audit) {
        this.dataSource = dataSource;
        this.guard = guard;
        this.audit = audit;
    }

    /**
     * @param kinds NEW, NEW_UNCOVERED, DELETED, OWNER_CHANGED, MOVES_UNDER_RULES, ATTRIBUTES_CHANGED
     */
    public record CrmChange(String accountId, String name, List<String> kinds, String baselineOwnerId,
                            String liveOwnerId, String baselineTerritory, String liveTerritory,
                            Instant baselineModstamp, Instant liveModstamp) {
    }

    @Transactional
    public Page<CrmChange> changes(UUID planId, int page, int size) {
        PlanGuard.find(planId);
        List<CrmChange> changes = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            AssignmentEngine engine = new AssignmentEngine(PlanAssignmentData.rules(c, planId));
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT b.account_id, b.name, b.owner_id, b.billing_country, b.billing_state, b.billing_postal_code,
                           b.industry, b.employees, b.annual_revenue, b.segment, b.parent_id, b.system_modstamp,
                           l.id, l.name, l.owner_id, l.billing_country, l.billing_state, l.billing_postal_code,
                           l.industry, l.employees, l.annual_revenue, l.segment, l.parent_id, l.system_modstamp, l.deleted,
                           o.territory_key
                    FROM (SELECT * FROM plan_account WHERE plan_id = ?) b
                    FULL JOIN crm_account l ON l.id = b.account_id
                    LEFT JOIN account_override o ON o.plan_id = ? AND o.account_id = coalesce(b.account_id, l.id)
                    WHERE (b.account_id IS NULL AND NOT l.deleted)
                       OR (b.account_id IS NOT NULL AND (l.id IS NULL OR l.deleted OR l.system_modstamp > b.system_modstamp))
                    ORDER BY coalesce(b.account_id, l.id)""")) {
                s.setObject(1, planId);
                s.setObject(2, planId);
                s.setFetchSize(2000);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        changes.add(classify(rs, engine));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        int from = Math.min(changes.size(), page * size);
        return new Page<>(changes.subList(from, Math.min(changes.size(), from + size)), page, size, changes.size());
    }

    private static CrmChange classify(ResultSet rs, AssignmentEngine engine) throws SQLException {
        boolean inBaseline = rs.getString(1) != null;
        boolean live = rs.getString(13) != null && !rs.getBoolean(25);
        String override = rs.getString(26);
        AccountFacts base = inBaseline ? facts(rs, 1) : null;
        AccountFacts now = rs.getString(13) != null ? facts(rs, 13) : null;
        String baseTerritory = base == null ? null : override != null ? override
                : engine.assign(base, null, null, Set.of()).territoryKey();
        String liveTerritory = !live ? null : override != null ? override
                : engine.assign(now, null, null, Set.of()).territoryKey();
        List<String> kinds = new ArrayList<>();
        if (!inBaseline) {
            kinds.add(liveTerritory == null ? "NEW_UNCOVERED" : "NEW");
        } else if (!live) {
            kinds.add("DELETED");
        } else {
            if (!Objects.equals(base.ownerId(), now.ownerId())) {
                kinds.add("OWNER_CHANGED");
            }
            if (!Objects.equals(baseTerritory, liveTerritory)) {
                kinds.add("MOVES_UNDER_RULES");
            }
            if (!Objects.equals(withoutOwner(base), withoutOwner(now))) {
                kinds.add("ATTRIBUTES_CHANGED");
            }
        }
        Timestamp baseStamp = rs.getTimestamp(12);
        Timestamp liveStamp = rs.getTimestamp(24);
        return new CrmChange(inBaseline ? base.id() : now.id(), inBaseline ? base.name() : now.name(), kinds,
                base == null ? null : base.ownerId(), now == null ? null : now.ownerId(), baseTerritory, liveTerritory,
                baseStamp == null ? null : baseStamp.toInstant(), liveStamp == null ? null : liveStamp.toInstant());
    }

    private static AccountFacts withoutOwner(AccountFacts f) {
        return new AccountFacts(f.id(), f.name(), null, f.country(), f.state(), f.postalCode(), f.industry(),
                f.employees(), f.annualRevenue() == null ? null : f.annualRevenue().stripTrailingZeros(), f.segment(),
                f.parentId());
    }

    private static AccountFacts facts(ResultSet rs, int from) throws SQLException {
        BigDecimal revenue = rs.getBigDecimal(from + 8);
        return new AccountFacts(rs.getString(from), rs.getString(from + 1), rs.getString(from + 2), rs.getString(from + 3),
                rs.getString(from + 4), rs.getString(from + 5), rs.getString(from + 6),
                rs.getObject(from + 7, Integer.class), revenue, rs.getString(from + 9), rs.getString(from + 10));
    }

    /** Copies the live CRM values of the chosen accounts into the plan's baseline (deleted ones leave it). */
    @Transactional
    public Map<String, Object> refresh(UUID planId, String ifMatch, List<String> accountIds, String actor) {
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        Panache.getEntityManager().flush();
        String[] ids = accountIds.stream().distinct().toArray(String[]::new);
        int removed;
        int refreshed;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    DELETE FROM plan_account p WHERE p.plan_id = ? AND p.account_id = ANY (?)
                      AND NOT EXISTS (SELECT 1 FROM crm_account l WHERE l.id = p.account_id AND NOT l.deleted)""")) {
                s.setObject(1, planId);
                s.setArray(2, c.createArrayOf("text", ids));
                removed = s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO plan_account (plan_id, account_id, name, owner_id, billing_country, billing_state,
                        billing_postal_code, industry, employees, annual_revenue, segment, parent_id, system_modstamp)
                    SELECT ?, id, name, owner_id, billing_country, billing_state, billing_postal_code, industry,
                        employees, annual_revenue, segment, parent_id, system_modstamp
                    FROM crm_account WHERE id = ANY (?) AND NOT deleted
                    ON CONFLICT (plan_id, account_id) DO UPDATE SET name = EXCLUDED.name, owner_id = EXCLUDED.owner_id,
                        billing_country = EXCLUDED.billing_country, billing_state = EXCLUDED.billing_state,
                        billing_postal_code = EXCLUDED.billing_postal_code, industry = EXCLUDED.industry,
                        employees = EXCLUDED.employees, annual_revenue = EXCLUDED.annual_revenue,
                        segment = EXCLUDED.segment, parent_id = EXCLUDED.parent_id,
                        system_modstamp = EXCLUDED.system_modstamp""")) {
                s.setObject(1, planId);
                s.setArray(2, c.createArrayOf("text", ids));
                refreshed = s.executeUpdate();
            }
            // overrides and exclusions of accounts that left the baseline go with them
            for (String table : new String[] {"account_override", "account_exclusion"}) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " x WHERE x.plan_id = ? "
                        + "AND x.account_id = ANY (?) AND NOT EXISTS (SELECT 1 FROM plan_account p "
                        + "WHERE p.plan_id = x.plan_id AND p.account_id = x.account_id)")) {
                    s.setObject(1, planId);
                    s.setArray(2, c.createArrayOf("text", ids));
                    s.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        guard.changed(plan, new PlanChanged.Bulk());
        Map<String, Object> result = Map.of("refreshed", refreshed, "removed", removed, "planVersion", plan.version);
        audit.record(planId, actor, "baseline-refresh", "baseline", null, Map.of("accountIds", List.of(ids)), result);
        return result;
    }
}
