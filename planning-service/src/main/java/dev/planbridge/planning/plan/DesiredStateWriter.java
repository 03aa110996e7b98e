package dev.planbridge.planning.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.plan.PlanElement;
import dev.planbridge.planning.assignment.AccountFacts;
import dev.planbridge.planning.assignment.Assignment;
import dev.planbridge.planning.assignment.AssignmentEngine;
import dev.planbridge.planning.assignment.OwnerOverlap;
import dev.planbridge.planning.assignment.PlanAssignmentData;
import dev.planbridge.planning.quota.QuotaBaselines;
import dev.planbridge.planning.quota.RampProfile;
import dev.planbridge.planning.territory.TerritoryHierarchy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a plan's desired state as NDJSON: header, territory types (by priority), territories (parents first),
 * user assignments, accounts (with their effective territory), quotas (ramp applied). Accounts and quotas are
 * streamed from the database with a cursor, never held in memory. The checksum is the SHA-256 of every element
 * line after the header, each line including its trailing '\n'.
 */
@ApplicationScoped
public class DesiredStateWriter {

    private static final ObjectWriter WRITER = ContractsJson.mapper().writerFor(PlanElement.class);
    private static final int FETCH_SIZE = 2000;

    private final Map<String, String> forecastingTypeIds;

    public DesiredStateWriter(dev.planbridge.planning.common.PlanningConfig config) {
        this.forecastingTypeIds = QuotaBaselines.parseTypeIds(config.crm().forecastingTypeIds().orElse(null));
    }

    /** The plan fields the stream needs, read once so the stream does not touch Hibernate. */
    public record PlanSnapshot(UUID id, String name, long version, LocalDate fiscalYearStart,
                               java.time.Instant baselineAt, java.time.Instant baselineModstamp,
                               boolean assignAccountOwners, String checksum) {
        public static PlanSnapshot of(FiscalPlan p) {
            return new PlanSnapshot(p.id, p.name, p.version, p.fiscalYearStart, p.baselineAt, p.baselineModstamp,
                    p.assignAccountOwners, p.checksum);
        }
    }

    @FunctionalInterface
    interface LineSink {
        void line(String json);
    }

    public String checksum(Connection c, FiscalPlan plan) throws SQLException {
        return checksum(c, PlanSnapshot.of(plan));
    }

    public String checksum(Connection c, PlanSnapshot plan) throws SQLException {
        MessageDigest digest = sha256();
        elements(c, plan, line -> digest.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Writes header and elements; {@code checksum} must be the checksum of the same content. */
    public void write(Connection c, PlanSnapshot plan, String checksum, OutputStream out) throws SQLException {
        byte[] newline = {'\n'};
        PlanElement.Header header = new PlanElement.Header(PlanElement.Header.SCHEMA_VERSION, plan.id().toString(),
                plan.name(), plan.version(), checksum, plan.baselineAt(), plan.baselineModstamp(),
                plan.fiscalYearStart(), count(c, "territory", plan.id()), count(c, "plan_account", plan.id()),
                count(c, "user_assignment", plan.id()), count(c, "quota", plan.id()));
        LineSink sink = line -> {
            try {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write(newline);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        sink.line(json(header));
        elements(c, plan, sink);
    }

    private void elements(Connection c, PlanSnapshot plan, LineSink sink) throws SQLException {
        UUID planId = plan.id();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT key, label, priority FROM territory_type WHERE plan_id = ? ORDER BY priority, key")) {
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sink.line(json(new PlanElement.TerritoryType(rs.getString(1), rs.getString(2), rs.getInt(3))));
                }
            }
        }
        Map<String, List<OwnerOverlap.Period>> people = PlanAssignmentData.people(c, planId);
        Map<String, String> owners = PlanAssignmentData.owners(people, plan.fiscalYearStart());

        List<TerritoryHierarchy.Node> nodes = new ArrayList<>();
        Map<String, Object[]> territoryRows = new HashMap<>();
        Set<String> types = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT key, name, type_key, parent_key, headcount_capacity FROM territory WHERE plan_id = ? ORDER BY key")) {
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    nodes.add(new TerritoryHierarchy.Node(rs.getString(1), rs.getString(4), rs.getString(3)));
                    types.add(rs.getString(3));
                    territoryRows.put(rs.getString(1), new Object[] {rs.getString(2), rs.getObject(5, Integer.class)});
                }
            }
        }
        TerritoryHierarchy.Result hierarchy = TerritoryHierarchy.build(nodes, types);
        if (!hierarchy.ok()) {
            throw new IllegalStateException("Stored territory hierarchy is invalid: " + hierarchy.errors());
        }
        for (String key : hierarchy.hierarchy().parentsFirst()) {
            TerritoryHierarchy.Node node = hierarchy.hierarchy().node(key);
            Object[] row = territoryRows.get(key);
            sink.line(json(new PlanElement.Territory(key, (String) row[0], node.typeKey(), node.parentKey(),
                    (Integer) row[1], owners.get(key))));
        }

        try (PreparedStatement s = c.prepareStatement("""
                SELECT territory_key, user_id, role, start_date, end_date, split_percent FROM user_assignment
                WHERE plan_id = ? ORDER BY territory_key, user_id, role, start_date""")) {
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sink.line(json(new PlanElement.UserAssignment(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getBigDecimal(6))));
                }
            }
        }

        AssignmentEngine engine = new AssignmentEngine(PlanAssignmentData.rules(c, planId));
        try (PreparedStatement s = c.prepareStatement("""
                SELECT a.account_id, a.name, a.owner_id, a.billing_country, a.billing_state, a.billing_postal_code,
                       a.industry, a.employees, a.annual_revenue, a.segment, a.parent_id, a.system_modstamp,
                       o.territory_key, o.reason,
                       (SELECT array_agg(e.territory_key) FROM account_exclusion e
                         WHERE e.plan_id = a.plan_id AND e.account_id = a.account_id) AS excluded
                FROM plan_account a
                LEFT JOIN account_override o ON o.plan_id = a.plan_id AND o.account_id = a.account_id
                WHERE a.plan_id = ? ORDER BY a.account_id""")) {
            s.setFetchSize(FETCH_SIZE);
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    AccountFacts facts = accountFacts(rs);
                    Set<String> excluded = excluded(rs.getArray(15));
                    Assignment assignment = engine.assign(facts, rs.getString(13), rs.getString(14), excluded);
                    String territory = assignment.territoryKey();
                    String desiredOwner = plan.assignAccountOwners() && territory != null ? owners.get(territory) : null;
                    Timestamp modstamp = rs.getTimestamp(12);
                    sink.line(json(new PlanElement.Account(facts.id(), facts.name(),
                            territory == null ? List.of() : List.of(territory), desiredOwner, facts.ownerId(),
                            modstamp == null ? null : modstamp.toInstant(), assignment.assignedBy())));
                }
            }
        }

        QuotaBaselines baselines = quotaBaselines(c, planId);
        FiscalCalendar calendar = new FiscalCalendar(plan.fiscalYearStart());
        try (PreparedStatement s = c.prepareStatement("""
                SELECT user_id, territory_key, period_start, period_type, amount, quantity, forecasting_type,
                       ramp_profile, ramp_start
                FROM quota WHERE plan_id = ?
                ORDER BY user_id NULLS LAST, territory_key NULLS LAST, period_start, period_type, forecasting_type""")) {
            s.setFetchSize(FETCH_SIZE);
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String territory = rs.getString(2);
                    String owner = rs.getString(1) != null ? rs.getString(1) : owners.get(territory);
                    LocalDate periodStart = rs.getObject(3, LocalDate.class);
                    BigDecimal amount = rs.getBigDecimal(5);
                    BigDecimal quantity = rs.getBigDecimal(6);
                    String ramp = rs.getString(8);
                    if (ramp != null) {
                        RampProfile profile = RampProfile.parse(ramp);
                        LocalDate rampStart = rs.getObject(9, LocalDate.class);
                        LocalDate from = rampStart == null ? calendar.yearStart() : rampStart;
                        amount = amount == null ? null : profile.apply(amount, calendar, from, periodStart);
                        quantity = quantity == null ? null : profile.apply(quantity, calendar, from, periodStart);
                    }
                    var baseline = baselines.find(owner, territory, periodStart, rs.getString(7));
                    sink.line(json(new PlanElement.Quota(owner, territory, periodStart, rs.getString(4), amount,
                            quantity, rs.getString(7), baseline.map(QuotaBaselines.CrmQuota::amount).orElse(null),
                            baseline.map(QuotaBaselines.CrmQuota::quantity).orElse(null))));
                }
            }
        }
    }

    private QuotaBaselines quotaBaselines(Connection c, UUID planId) throws SQLException {
        List<QuotaBaselines.CrmQuota> quotas = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT quota_id, owner_id, territory_key, period_start, forecasting_type_id, amount, quantity
                FROM plan_quota_baseline WHERE plan_id = ?""")) {
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    quotas.add(new QuotaBaselines.CrmQuota(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, LocalDate.class), rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7)));
                }
            }
        }
        return new QuotaBaselines(quotas, forecastingTypeIds);
    }

    public static AccountFacts accountFacts(ResultSet rs) throws SQLException {
        return new AccountFacts(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getObject(8, Integer.class), rs.getBigDecimal(9), rs.getString(10),
                rs.getString(11));
    }

    static Set<String> excluded(Array array) throws SQLException {
        if (array == null) {
            return Set.of();
        }
        return Set.of((String[]) array.getArray());
    }

    private static long count(Connection c, String table, UUID planId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE plan_id = ?")) {
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String json(PlanElement element) {
        try {
            return WRITER.writeValueAsString(element);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + element, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
