package dev.planbridge.planning.assignment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planbridge.contracts.ContractsJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a plan's rules and people with plain JDBC (used by streams and reports outside Hibernate). */
public final class PlanAssignmentData {

    private static final ObjectMapper CRITERIA_JSON = ContractsJson.configure(new ObjectMapper())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PlanAssignmentData() {
    }

    public static ObjectMapper criteriaJson() {
        return CRITERIA_JSON;
    }

    /**
     * Parsed criteria by their stored JSON: every read of a plan's rules (explanations, exports, the desired state)
     * would otherwise parse hundreds of JSON documents per request. Criteria are immutable values, so sharing is
     * safe; the map is emptied when it grows past a bound instead of tracking plans.
     */
    private static final Map<String, RuleCriteria> PARSED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int PARSED_BOUND = 20_000;

    public static RuleCriteria parseCriteria(String json) {
        RuleCriteria cached = PARSED.get(json);
        if (cached != null) {
            return cached;
        }
        RuleCriteria parsed;
        try {
            parsed = CRITERIA_JSON.readValue(json, RuleCriteria.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("criteria is not valid: " + e.getMessage(), e);
        }
        if (PARSED.size() >= PARSED_BOUND) {
            PARSED.clear();
        }
        PARSED.put(json, parsed);
        return parsed;
    }

    public static String writeCriteria(RuleCriteria criteria) {
        try {
            return CRITERIA_JSON.writeValueAsString(criteria);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<RuleDefinition> rules(Connection c, UUID planId) throws SQLException {
        List<RuleDefinition> rules = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, name, position, territory_key, criteria FROM assignment_rule WHERE plan_id = ? ORDER BY position, id")) {
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rules.add(new RuleDefinition(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            parseCriteria(rs.getString(5))));
                }
            }
        }
        return rules;
    }

    /** Every territory's user assignments as periods, keyed by territory. */
    public static Map<String, List<OwnerOverlap.Period>> people(Connection c, UUID planId) throws SQLException {
        Map<String, List<OwnerOverlap.Period>> people = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT territory_key, user_id, role, start_date, end_date FROM user_assignment
                WHERE plan_id = ? ORDER BY territory_key, start_date, user_id""")) {
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LocalDate end = rs.getObject(5, LocalDate.class);
                    people.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new OwnerOverlap.Period(
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class), end));
                }
            }
        }
        return people;
    }

    /**
     * The Owner each territory has for the plan: the one on the first day of the fiscal year, else the first Owner
     * to start during it. Territories without one are over-carved (to be hired) and absent from the map.
     */
    public static Map<String, String> owners(Map<String, List<OwnerOverlap.Period>> people, LocalDate yearStart) {
        Map<String, String> owners = new HashMap<>();
        people.forEach((territory, periods) -> {
            String owner = OwnerOverlap.ownerOn(periods, yearStart);
            if (owner == null) {
                owner = periods.stream().filter(p -> "Owner".equals(p.role()))
                        .min(java.util.Comparator.comparing(OwnerOverlap.Period::start))
                        .map(OwnerOverlap.Period::userId).orElse(null);
            }
            if (owner != null) {
                owners.put(territory, owner);
            }
        });
        return owners;
    }
}
