package dev.planbridge.planning.report;

import dev.planbridge.planning.assignment.OwnerOverlap;
import dev.planbridge.planning.assignment.PlanAssignmentData;
import dev.planbridge.planning.common.PlanningConfig;
import dev.planbridge.planning.common.Problem;
import dev.planbridge.planning.metric.AccountMetrics;
import dev.planbridge.planning.metric.PlanMetrics;
import dev.planbridge.planning.plan.FiscalCalendar;
import dev.planbridge.planning.plan.FiscalPlan;
import dev.planbridge.planning.plan.PlanGuard;
import dev.planbridge.planning.quota.RampProfile;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Balancer, disruption and compare reports, read from the incrementally maintained assignment state. */
@ApplicationScoped
public class ReportService {

    private final AgroalDataSource dataSource;
    private final AssignmentStateCache cache;
    private final PlanningConfig config;

    public ReportService(AgroalDataSource dataSource, AssignmentStateCache cache, PlanningConfig config) {
        this.dataSource = dataSource;
        this.cache = cache;
        this.config = config;
    }

    public record TerritoryLine(String key, String name, String parentKey, long accounts, BigDecimal potential,
                                BigDecimal openPipeline, List<String> owners, List<String> ownerNames, BigDecimal quota,
                                BigDecimal quotaToPotential, List<BigDecimal> metrics, List<String> flags) {
    }

    public record SiblingSpread(String parentKey, SpreadStats accounts, SpreadStats potential, SpreadStats quotaToPotential) {
    }

    /**
     * @param potentialField the plan's potential field (what {@code potential} sums)
     * @param metrics        the plan's chosen metrics; each line's {@code metrics} holds their values in this order
     */
    public record Balancer(UUID planId, long version, Instant generatedAt, double band, long accounts,
                           long unassignedAccounts, String potentialField, List<PlanMetrics.Metric> metrics,
                           List<TerritoryLine> territories, List<SiblingSpread> siblings) {
    }

    record PlanInfo(UUID id, long version, FiscalCalendar calendar, boolean assignOwners) {
    }

    @Transactional
    PlanInfo plan(UUID planId) {
        FiscalPlan plan = PlanGuard.find(planId);
        return new PlanInfo(plan.id, plan.version, plan.calendar(), plan.assignAccountOwners);
    }

    public Balancer balancer(UUID planId) {
        PlanInfo plan = plan(planId);
        PlanAssignmentState state = cache.state(planId, plan.version());
        double band = config.reports().balancerBand();
        BalancerInputs inputs = balancerInputs(planId, plan, state);
        Map<String, List<String>> owners = inputs.owners();
        Map<String, BigDecimal> quotas = inputs.quotas();
        List<String[]> territories = inputs.territories();
        AccountMetrics metrics = state.metrics();
        Map<String, PlanAssignmentState.Aggregate> aggregates;
        long accounts;
        long unassigned;
        synchronized (state) {
            aggregates = new HashMap<>();
            state.aggregates().forEach((k, v) -> aggregates.put(k, v.copy()));
            accounts = state.accounts().size();
            unassigned = state.unassigned();
        }
        Map<String, List<TerritoryLine>> byParent = new LinkedHashMap<>();
        List<TerritoryLine> lines = new ArrayList<>();
        for (String[] t : territories) {
            PlanAssignmentState.Aggregate agg = aggregates.getOrDefault(t[0],
                    new PlanAssignmentState.Aggregate(metrics.metrics().size()));
            List<String> territoryOwners = owners.getOrDefault(t[0], List.of());
            BigDecimal quota = quotas.get(t[0]);
            BigDecimal ratio = quota == null || agg.potential.signum() == 0 ? null
                    : quota.divide(agg.potential, 6, RoundingMode.HALF_UP);
            List<String> flags = new ArrayList<>();
            if (territoryOwners.isEmpty()) {
                flags.add("TBH");
            }
            List<String> ownerNames = territoryOwners.stream()
                    .map(id -> inputs.userNames().getOrDefault(id, id)).toList();
            TerritoryLine line = new TerritoryLine(t[0], t[1], t[2], agg.accounts, agg.potential, agg.openPipeline,
                    territoryOwners, ownerNames, quota, ratio,
                    Arrays.asList(metrics.values(agg.sums, agg.counts, quota)), flags);
            lines.add(line);
            byParent.computeIfAbsent(t[2] == null ? "" : t[2], k -> new ArrayList<>()).add(line);
        }
        List<SiblingSpread> spreads = new ArrayList<>();
        byParent.forEach((parent, siblings) -> {
            SpreadStats accountStats = SpreadStats.of(siblings.stream().map(l -> (double) l.accounts()).toList());
            SpreadStats potentialStats = SpreadStats.of(siblings.stream().map(l -> l.potential().doubleValue()).toList());
            SpreadStats ratioStats = SpreadStats.of(siblings.stream().filter(l -> l.quotaToPotential() != null)
                    .map(l -> l.quotaToPotential().doubleValue()).toList());
            spreads.add(new SiblingSpread(parent.isEmpty() ? null : parent, accountStats, potentialStats, ratioStats));
            for (TerritoryLine line : siblings) {
                if (accountStats.outOfBand(line.accounts(), band)) {
                    line.flags().add(line.accounts() > accountStats.mean() ? "ACCOUNTS_HIGH" : "ACCOUNTS_LOW");
                }
                if (potentialStats.outOfBand(line.potential().doubleValue(), band)) {
                    line.flags().add(line.potential().doubleValue() > potentialStats.mean() ? "POTENTIAL_HIGH" : "POTENTIAL_LOW");
                }
                if (line.quotaToPotential() != null && ratioStats.outOfBand(line.quotaToPotential().doubleValue(), band)) {
                    line.flags().add(line.quotaToPotential().doubleValue() > ratioStats.mean()
                            ? "QUOTA_TO_POTENTIAL_HIGH" : "QUOTA_TO_POTENTIAL_LOW");
                }
            }
        });
        return new Balancer(planId, plan.version(), Instant.now(), band, accounts, unassigned,
                metrics.settings().potential(), metrics.metrics(), lines, spreads);
    }

    /** What the balancer reads besides the account aggregates: territories, their Owners and quotas. */
    record BalancerInputs(List<String[]> territories, Map<String, List<String>> owners, Map<String, String> userNames,
                          Map<String, BigDecimal> quotas) {
    }

    /**
     * Territories, Owners and quotas change rarely compared with account moves, so they are read once and kept
     * with the state until a territory, person or quota edit drops them: the balancer after an account edit then
     * runs no query at all besides the plan's version.
     */
    private BalancerInputs balancerInputs(UUID planId, PlanInfo plan, PlanAssignmentState state) {
        synchronized (state) {
            if (state.metadata() instanceof BalancerInputs cached) {
                return cached;
            }
        }
        try (Connection c = dataSource.getConnection()) {
            Map<String, List<String>> owners = new HashMap<>();
            PlanAssignmentData.people(c, planId).forEach((territory, periods) -> owners.put(territory, periods.stream()
                    .filter(p -> "Owner".equals(p.role())).map(OwnerOverlap.Period::userId).distinct().toList()));
            Map<String, BigDecimal> quotas = territoryQuotas(c, planId, plan.calendar());
            List<String[]> territories = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT key, name, parent_key FROM territory WHERE plan_id = ? ORDER BY key")) {
                s.setObject(1, planId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        territories.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                    }
                }
            }
            Set<String> ownerIds = new HashSet<>();
            owners.values().forEach(ownerIds::addAll);
            BalancerInputs inputs = new BalancerInputs(List.copyOf(territories), Map.copyOf(owners),
                    Map.copyOf(NameLookup.userNames(c, ownerIds)), Map.copyOf(quotas));
            synchronized (state) {
                // only keep what was read at the state's version: an edit committed meanwhile may have changed it
                if (state.version() == plan.version() && currentVersion(c, planId) == plan.version()) {
                    state.metadata(inputs);
                }
            }
            return inputs;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long currentVersion(Connection c, UUID planId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM fiscal_plan WHERE id = ?")) {
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** Each territory's quota for the year: the sum of its targets at the coarsest period type it uses, ramp applied. */
    private static Map<String, BigDecimal> territoryQuotas(Connection c, UUID planId, FiscalCalendar calendar)
            throws SQLException {
        Map<String, Map<String, BigDecimal>> byType = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT territory_key, period_type, period_start, amount, ramp_profile, ramp_start FROM quota
                WHERE plan_id = ? AND territory_key IS NOT NULL AND amount IS NOT NULL""")) {
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    BigDecimal amount = rs.getBigDecimal(4);
                    if (rs.getString(5) != null) {
                        LocalDate rampStart = rs.getObject(6, LocalDate.class);
                        amount = RampProfile.parse(rs.getString(5)).apply(amount, calendar,
                                rampStart == null ? calendar.yearStart() : rampStart, rs.getObject(3, LocalDate.class));
                    }
                    byType.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).merge(rs.getString(2), amount, BigDecimal::add);
                }
            }
        }
        Map<String, BigDecimal> result = new HashMap<>();
        byType.forEach((territory, types) -> {
            for (String type : new String[] {"Year", "Quarter", "Month"}) {
                if (types.containsKey(type)) {
                    result.put(territory, types.get(type));
                    return;
                }
            }
        });
        return result;
    }

    // ---- disruption and compare

    public record Disruption(UUID planId, long version, String against, String by, long accounts, long moved,
                             double movedPercent, BigDecimal pipelineMoving, long movedWithOpenOpportunities,
                             List<DisruptionClassifier.Holder> holders) {
    }

    /**
     * How the plan moves accounts between people compared with the baseline or the live CRM: the planned holder of
     * an account is its territory's Owner when the plan assigns owners, else its current owner.
     */
    public Disruption disruption(UUID planId, String against) {
        if (!"baseline".equals(against) && !"live".equals(against)) {
            throw Problem.badRequest("against must be 'baseline' or 'live'",
                    List.of(dev.planbridge.planning.common.FieldError.of("against", "must be 'baseline' or 'live'")));
        }
        PlanInfo plan = plan(planId);
        PlanAssignmentState state = cache.state(planId, plan.version());
        try (Connection c = dataSource.getConnection()) {
            Map<String, String> owners = PlanAssignmentData.owners(PlanAssignmentData.people(c, planId),
                    plan.calendar().yearStart());
            Map<String, String> live = "live".equals(against) ? liveOwners(c, planId) : null;
            List<DisruptionClassifier.Move> moves = new ArrayList<>();
            synchronized (state) {
                for (PlanAssignmentState.AccountState a : state.accounts()) {
                    String reference = live == null ? a.facts.ownerId() : live.get(a.facts.id());
                    String planned = plan.assignOwners() && a.territory != null && owners.containsKey(a.territory)
                            ? owners.get(a.territory) : a.facts.ownerId();
                    moves.add(new DisruptionClassifier.Move(a.facts.id(), reference, planned, a.openPipeline,
                            a.openOpportunities));
                }
            }
            DisruptionClassifier.Summary s = DisruptionClassifier.classify(moves);
            Map<String, String> names = NameLookup.userNames(c, s.holders().stream().map(h -> h.holder).toList());
            s.holders().forEach(h -> h.name = names.get(h.holder));
            return new Disruption(planId, plan.version(), against, "owner", s.accounts(), s.moved(), s.movedPercent(),
                    s.pipelineMoving(), s.movedWithOpenOpportunities(), s.holders());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares the territory of every account in two plans (e.g. a fork and its source). */
    public Disruption compare(UUID planId, UUID otherPlanId) {
        PlanInfo plan = plan(planId);
        PlanInfo other = plan(otherPlanId);
        PlanAssignmentState mine = cache.state(planId, plan.version());
        PlanAssignmentState theirs = cache.state(otherPlanId, other.version());
        Map<String, String> otherTerritory = new HashMap<>();
        synchronized (theirs) {
            theirs.accounts().forEach(a -> otherTerritory.put(a.facts.id(), a.territory));
        }
        List<DisruptionClassifier.Move> moves = new ArrayList<>();
        synchronized (mine) {
            for (PlanAssignmentState.AccountState a : mine.accounts()) {
                moves.add(new DisruptionClassifier.Move(a.facts.id(), otherTerritory.get(a.facts.id()), a.territory,
                        a.openPipeline, a.openOpportunities));
            }
        }
        DisruptionClassifier.Summary s = DisruptionClassifier.classify(moves);
        try (Connection c = dataSource.getConnection()) {
            Map<String, String> names = NameLookup.territoryNames(c, planId);
            names.putAll(NameLookup.territoryNames(c, otherPlanId).entrySet().stream()
                    .filter(e -> !names.containsKey(e.getKey()))
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            s.holders().forEach(h -> h.name = names.get(h.holder));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Disruption(planId, plan.version(), "plan:" + otherPlanId, "territory", s.accounts(), s.moved(),
                s.movedPercent(), s.pipelineMoving(), s.movedWithOpenOpportunities(), s.holders());
    }

    private static Map<String, String> liveOwners(Connection c, UUID planId) throws SQLException {
        Map<String, String> owners = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT a.account_id, CASE WHEN l.deleted THEN NULL ELSE l.owner_id END FROM plan_account a
                LEFT JOIN crm_account l ON l.id = a.account_id WHERE a.plan_id = ?""")) {
            s.setObject(1, planId);
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    owners.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return owners;
    }

    /** Accounts the plan places nowhere, for the planner to cover with a rule or override. */
    public List<Map<String, Object>> unassigned(UUID planId, int limit) {
        PlanInfo plan = plan(planId);
        PlanAssignmentState state = cache.state(planId, plan.version());
        List<Map<String, Object>> result = new ArrayList<>();
        synchronized (state) {
            state.accounts().stream().filter(a -> a.territory == null)
                    .sorted(java.util.Comparator.comparing(a -> a.facts.id())).limit(limit)
                    .forEach(a -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("accountId", a.facts.id());
                        row.put("name", a.facts.name());
                        row.put("country", a.facts.country());
                        row.put("state", a.facts.state());
                        row.put("industry", a.facts.industry());
                        row.put("annualRevenue", a.facts.annualRevenue());
                        result.add(row);
                    });
        }
        return result;
    }

}
