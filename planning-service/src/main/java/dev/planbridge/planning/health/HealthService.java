package dev.planbridge.planning.health;

import dev.planbridge.planning.assignment.AccountFacts;
import dev.planbridge.planning.assignment.PlanAssignmentData;
import dev.planbridge.planning.assignment.RuleDefinition;
import dev.planbridge.planning.assignment.RuleItem;
import dev.planbridge.planning.crm.AccountFieldCatalog;
import dev.planbridge.planning.crm.AccountFieldCatalog.AccountField;
import dev.planbridge.planning.crm.AccountFieldCatalog.FieldType;
import dev.planbridge.planning.health.HealthScore.Part;
import dev.planbridge.planning.health.HealthScore.PartScore;
import dev.planbridge.planning.metric.PlanMetrics;
import dev.planbridge.planning.plan.PlanGuard;
import dev.planbridge.planning.report.AssignmentStateCache;
import dev.planbridge.planning.report.PlanAssignmentState;
import dev.planbridge.planning.report.ReportService;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The plan health report: reads the in-memory assignment state (no 100k-row query), the balancer's flags, and two
 * small queries (stale accounts, inactive holders).
 */
@ApplicationScoped
public class HealthService {

    /** One account or person behind a part's score, for the CSV. */
    public record Offender(String part, String id, String name, String problem) {
    }

    public record Health(UUID planId, long version, int score, int staleMonths, List<String> fieldsRead,
                         List<PartScore> parts, List<Offender> offenders) {
    }

    private final AgroalDataSource dataSource;
    private final AssignmentStateCache cache;
    private final ReportService reports;

    public HealthService(AgroalDataSource dataSource, AssignmentStateCache cache, ReportService reports) {
        this.dataSource = dataSource;
        this.cache = cache;
        this.reports = reports;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    long version(UUID planId) {
        return PlanGuard.find(planId).version;
    }

    /** @param withOffenders whether to list every offending record (the CSV) or only count them */
    public Health health(UUID planId, int staleMonths, boolean withOffenders) {
        long version = version(planId);
        PlanAssignmentState state = cache.state(planId, version);
        AccountFieldCatalog catalog = AccountFieldCatalog.standard();
        List<PartScore> parts = new ArrayList<>();
        List<Offender> offenders = new ArrayList<>();
        List<AccountField> fields;
        try (Connection c = dataSource.getConnection()) {
            fields = fieldsRead(PlanAssignmentData.rules(c, planId), state.metrics().settings(),
                    catalog);
            synchronized (state) {
                accountParts(state, fields, parts, withOffenders ? offenders : null);
            }
            parts.add(stale(c, planId, staleMonths, state.accounts().size(), withOffenders ? offenders : null));
            territoryParts(planId, parts);
            parts.add(inactiveHolders(c, planId, withOffenders ? offenders : null));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the health of plan " + planId, e);
        }
        List<PartScore> ordered = HealthScore.ordered(parts);
        return new Health(planId, version, HealthScore.overall(ordered), staleMonths,
                fields.stream().map(AccountField::name).toList(), ordered, withOffenders ? offenders : List.of());
    }

    /** The catalog fields the plan's rules and metrics read, in first-use order. */
    static List<AccountField> fieldsRead(List<RuleDefinition> rules, PlanMetrics metrics, AccountFieldCatalog catalog) {
        Set<String> names = new LinkedHashSet<>();
        for (RuleDefinition rule : rules) {
            rule.criteria().items().forEach(i -> names.add(i.field()));
        }
        names.add(metrics.potential());
        for (PlanMetrics.Metric m : metrics.metrics()) {
            if (m.field() != null) {
                names.add(m.field());
            }
            if (m.filter() != null) {
                m.filter().items().stream().map(RuleItem::field).forEach(names::add);
            }
        }
        Map<String, AccountField> fields = new LinkedHashMap<>();
        for (String name : names) {
            catalog.find(name).filter(f -> AccountFacts.reader(f.name()).isPresent())
                    .ifPresent(f -> fields.putIfAbsent(f.name(), f));
        }
        return List.copyOf(fields.values());
    }

    private static void accountParts(PlanAssignmentState state, List<AccountField> fields, List<PartScore> parts,
                                     List<Offender> offenders) {
        long accounts = state.accounts().size();
        Map<String, Long> emptyByField = new LinkedHashMap<>();
        Map<String, Long> unassignedByField = new LinkedHashMap<>();
        Map<String, Long> outsideByField = new LinkedHashMap<>();
        Map<String, List<String>> byDuplicateKey = new HashMap<>();
        List<Function<AccountFacts, Object>> readers = fields.stream()
                .map(f -> AccountFacts.reader(f.name()).orElseThrow()).toList();
        long missing = 0;
        long outside = 0;
        for (PlanAssignmentState.AccountState a : state.accounts()) {
            boolean anyMissing = false;
            boolean anyOutside = false;
            for (int i = 0; i < fields.size(); i++) {
                AccountField field = fields.get(i);
                Object value = readers.get(i).apply(a.facts);
                if (value == null || value.toString().isBlank()) {
                    anyMissing = true;
                    emptyByField.merge(field.name(), 1L, Long::sum);
                    if (a.territory == null) {
                        unassignedByField.merge(field.name(), 1L, Long::sum);
                    }
                    if (offenders != null) {
                        offenders.add(new Offender("MISSING_FIELDS", a.facts.id(), a.facts.name(), field.name() + " is empty"));
                    }
                } else if (field.type() == FieldType.PICKLIST && !field.picklistValues().isEmpty()
                        && !field.inPicklist(value.toString())) {
                    anyOutside = true;
                    outsideByField.merge(field.name(), 1L, Long::sum);
                    if (offenders != null) {
                        offenders.add(new Offender("OUTSIDE_PICKLIST", a.facts.id(), a.facts.name(),
                                field.name() + " '" + value + "' is not in its picklist"));
                    }
                }
            }
            missing += anyMissing ? 1 : 0;
            outside += anyOutside ? 1 : 0;
            String key = HealthScore.duplicateKey(a.facts.name(), a.facts.country());
            if (key != null) {
                byDuplicateKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(a.facts.id() + "\t" + a.facts.name());
            }
            if (a.territory == null && offenders != null) {
                offenders.add(new Offender("UNASSIGNED", a.facts.id(), a.facts.name(), "no rule or override places it"));
            }
        }
        List<String> missingDetails = new ArrayList<>();
        emptyByField.forEach((field, count) -> {
            long unassigned = unassignedByField.getOrDefault(field, 0L);
            missingDetails.add(unassigned > 0
                    ? String.format("%,d accounts fall through to Unassigned because %s is empty (%,d empty in all)",
                            unassigned, field, count)
                    : String.format("%,d accounts have no %s", count, field));
        });
        parts.add(HealthScore.part(Part.MISSING_FIELDS, missing, accounts, missingDetails));
        List<String> outsideDetails = new ArrayList<>();
        outsideByField.forEach((field, count) -> outsideDetails.add(
                String.format("%,d accounts have a %s value outside its picklist", count, field)));
        parts.add(HealthScore.part(Part.OUTSIDE_PICKLIST, outside, accounts, outsideDetails));
        long duplicates = 0;
        List<String> duplicateDetails = new ArrayList<>();
        for (List<String> group : byDuplicateKey.values()) {
            if (group.size() > 1) {
                duplicates += group.size();
                if (duplicateDetails.size() < 10) {
                    duplicateDetails.add(group.size() + " × " + group.get(0).split("\t", 2)[1] + " ("
                            + String.join(", ", group.stream().map(g -> g.split("\t", 2)[0]).toList()) + ")");
                }
                if (offenders != null) {
                    group.forEach(g -> offenders.add(new Offender("DUPLICATES", g.split("\t", 2)[0], g.split("\t", 2)[1],
                            "shares its name and country with " + (group.size() - 1) + " other account(s)")));
                }
            }
        }
        parts.add(HealthScore.part(Part.DUPLICATES, duplicates, accounts, duplicateDetails));
        long unassigned = state.unassigned();
        parts.add(HealthScore.part(Part.UNASSIGNED, unassigned, accounts,
                unassigned == 0 ? List.of() : List.of(String.format("%,d accounts are unassigned", unassigned))));
    }

    private void territoryParts(UUID planId, List<PartScore> parts) {
        ReportService.Balancer balancer = reports.balancer(planId);
        List<String> tbh = new ArrayList<>();
        List<String> coverage = new ArrayList<>();
        long withQuota = 0;
        for (ReportService.TerritoryLine line : balancer.territories()) {
            if (line.flags().contains("TBH")) {
                tbh.add(line.key() + " (" + line.name() + ") has no Owner");
            }
            if (line.quota() != null) {
                withQuota++;
            }
            line.flags().stream().filter(f -> f.startsWith("QUOTA_TO_POTENTIAL_")).findFirst().ifPresent(f ->
                    coverage.add(line.key() + " (" + line.name() + "): quota ÷ potential " + line.quotaToPotential()
                            + (f.endsWith("HIGH") ? " above" : " below") + " its siblings' band"));
        }
        parts.add(HealthScore.part(Part.TBH_SEATS, tbh.size(), balancer.territories().size(), tbh));
        parts.add(HealthScore.part(Part.QUOTA_COVERAGE, coverage.size(), withQuota, coverage));
    }

    private static PartScore stale(Connection c, UUID planId, int months, long accounts, List<Offender> offenders)
            throws SQLException {
        long stale = 0;
        try (PreparedStatement s = c.prepareStatement("""
                SELECT account_id, name, system_modstamp FROM plan_account
                WHERE plan_id = ? AND system_modstamp < now() - make_interval(months => ?)""")) {
            s.setObject(1, planId);
            s.setInt(2, months);
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stale++;
                    if (offenders != null) {
                        offenders.add(new Offender("STALE", rs.getString(1), rs.getString(2),
                                "last modified in the CRM " + rs.getObject(3, java.time.OffsetDateTime.class).toLocalDate()));
                    }
                }
            }
        }
        return HealthScore.part(Part.STALE, stale, accounts, stale == 0 ? List.of()
                : List.of(String.format("%,d accounts not modified in the CRM for %d months", stale, months)));
    }

    private static PartScore inactiveHolders(Connection c, UUID planId, List<Offender> offenders) throws SQLException {
        long holders = 0;
        List<String> details = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT a.user_id, max(u.name), string_agg(DISTINCT a.territory_key, ', ' ORDER BY a.territory_key),
                       bool_or(u.id IS NOT NULL AND (u.deleted OR NOT coalesce(u.is_active, false)))
                FROM user_assignment a LEFT JOIN crm_user u ON u.id = a.user_id
                WHERE a.plan_id = ? GROUP BY a.user_id""")) {
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                long inactive = 0;
                while (rs.next()) {
                    holders++;
                    if (rs.getBoolean(4)) {
                        inactive++;
                        String who = (rs.getString(2) == null ? "" : rs.getString(2) + " ") + "(" + rs.getString(1) + ")";
                        details.add(who + " is inactive in the CRM and holds " + rs.getString(3));
                        if (offenders != null) {
                            offenders.add(new Offender("INACTIVE_HOLDERS", rs.getString(1), rs.getString(2),
                                    "inactive in the CRM, holds " + rs.getString(3)));
                        }
                    }
                }
                return HealthScore.part(Part.INACTIVE_HOLDERS, inactive, holders, details);
            }
        }
    }
}
