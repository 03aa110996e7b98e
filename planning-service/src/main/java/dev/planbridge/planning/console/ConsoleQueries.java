package dev.planbridge.planning.console;

import dev.planbridge.planning.assignment.AccountFacts;
import dev.planbridge.planning.assignment.Assignment;
import dev.planbridge.planning.assignment.AssignmentEngine;
import dev.planbridge.planning.assignment.PlanAssignmentData;
import dev.planbridge.planning.plan.PlanService;
import dev.planbridge.planning.report.AssignmentStateCache;
import dev.planbridge.planning.report.PlanAssignmentState;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Read models the console needs and the resource-per-feature API does not offer: the accounts of one territory with
 * the reason each is there (read from the in-memory assignment state, so it matches the balancer exactly), and the
 * CRM users a planner can pick from.
 */
@ApplicationScoped
public class ConsoleQueries {

    /** One account placed in a territory and why. {@code why} is the rule name or the override reason. */
    public record TerritoryAccount(String accountId, String name, String ownerId, String ownerName, String country,
                                   String state, String industry, BigDecimal potential, BigDecimal openPipeline,
                                   long openOpportunities, String source, String why, List<String> steps) {
    }

    public record TerritoryAccounts(UUID planId, long version, String territoryKey, long total,
                                    List<TerritoryAccount> items) {
    }

    public record CrmUser(String id, String name, String username, boolean active) {
    }

    private record Placed(AccountFacts facts, String overrideTerritory, String overrideReason, Set<String> exclusions,
                          BigDecimal potential, BigDecimal openPipeline, long openOpportunities) {
    }

    private final PlanService plans;
    private final AssignmentStateCache cache;
    private final AgroalDataSource dataSource;

    public ConsoleQueries(PlanService plans, AssignmentStateCache cache, AgroalDataSource dataSource) {
        this.plans = plans;
        this.cache = cache;
        this.dataSource = dataSource;
    }

    /** The accounts the plan places in {@code territoryKey} whose id or name contains {@code query}, by name. */
    public TerritoryAccounts territoryAccounts(UUID planId, String territoryKey, String query, int limit) {
        // Outside any transaction: the cache builds a missing state on its own REPEATABLE READ connection.
        long version = plans.get(planId).version;
        PlanAssignmentState state = cache.state(planId, version);
        String needle = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        // Copied under the state's lock: committed edits update the same objects from another thread.
        List<Placed> matching = new ArrayList<>();
        synchronized (state) {
            for (PlanAssignmentState.AccountState a : state.accounts()) {
                if (territoryKey.equals(a.territory) && (needle.isEmpty() || contains(a.facts.id(), needle)
                        || contains(a.facts.name(), needle))) {
                    matching.add(new Placed(a.facts, a.overrideTerritory, a.overrideReason, Set.copyOf(a.exclusions),
                            a.potential(), a.openPipeline, a.openOpportunities));
                }
            }
        }
        matching.sort(Comparator.comparing((Placed a) -> a.facts().name() == null ? "" : a.facts().name())
                .thenComparing(a -> a.facts().id()));
        List<Placed> page = matching.subList(0, Math.min(limit, matching.size()));
        try (Connection c = dataSource.getConnection()) {
            AssignmentEngine engine = new AssignmentEngine(PlanAssignmentData.rules(c, planId));
            Map<String, String> names = userNames(c, page.stream().map(a -> a.facts().ownerId()).distinct().toList());
            List<TerritoryAccount> items = new ArrayList<>(page.size());
            for (Placed a : page) {
                Assignment why = engine.explain(a.facts(), a.overrideTerritory(), a.overrideReason(), a.exclusions());
                items.add(new TerritoryAccount(a.facts().id(), a.facts().name(), a.facts().ownerId(),
                        names.get(a.facts().ownerId()), a.facts().country(), a.facts().state(), a.facts().industry(),
                        a.potential(), a.openPipeline(), a.openOpportunities(), why.source().name(),
                        why.source() == Assignment.Source.OVERRIDE ? why.overrideReason() : why.ruleName(),
                        why.explanation()));
            }
            return new TerritoryAccounts(planId, version, territoryKey, matching.size(), items);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Active and inactive CRM users (from the mirror) whose id, name or username contains {@code query}. */
    public List<CrmUser> users(String query, int limit) {
        String needle = "%" + (query == null ? "" : query.trim().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT id, name, username, coalesce(is_active, false) FROM crm_user
                WHERE NOT deleted AND (lower(id) LIKE ? OR lower(coalesce(name, '')) LIKE ?
                                       OR lower(coalesce(username, '')) LIKE ?)
                ORDER BY is_active DESC, name, id LIMIT ?""")) {
            s.setString(1, needle);
            s.setString(2, needle);
            s.setString(3, needle);
            s.setInt(4, limit);
            List<CrmUser> users = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    users.add(new CrmUser(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                }
            }
            return users;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> userNames(Connection c, List<String> ids) throws SQLException {
        Map<String, String> names = new HashMap<>();
        List<String> known = ids.stream().filter(id -> id != null).toList();
        if (known.isEmpty()) {
            return names;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT id, name FROM crm_user WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", known.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return names;
    }

    private static boolean contains(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }
}
