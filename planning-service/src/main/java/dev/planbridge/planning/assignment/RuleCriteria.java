package dev.planbridge.planning.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.planbridge.planning.common.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an account must look like for a rule to match: every criterion given must hold (AND); within a list any
 * value may match (OR). Text compares case-insensitively. A missing criterion does not constrain.
 *
 * @param postalCodes inclusive ranges compared as text of equal length (e.g. 10000..19999), or a prefix when
 *                    {@code to} is null ("SW1" matches "SW1A 1AA")
 * @param employees   inclusive band on NumberOfEmployees
 * @param revenue     inclusive band on AnnualRevenue
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleCriteria(List<String> countries, List<String> states, List<PostalRange> postalCodes,
                           List<String> industries, Band employees, Band revenue, List<String> segments,
                           List<String> parentAccountIds) {

    public record PostalRange(String from, String to) {
        boolean matches(String code) {
            String normalised = normalise(code);
            if (normalised == null) {
                return false;
            }
            if (to == null) {
                return normalised.startsWith(normalise(from));
            }
            String lo = normalise(from);
            String hi = normalise(to);
            if (normalised.length() < lo.length()) {
                return false;
            }
            String head = normalised.substring(0, Math.min(normalised.length(), hi.length()));
            return head.compareTo(lo) >= 0 && head.compareTo(hi) <= 0;
        }
    }

    public record Band(BigDecimal min, BigDecimal max) {
        boolean matches(BigDecimal value) {
            if (value == null) {
                return false;
            }
            return (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
        }
    }

    public boolean matches(AccountFacts account) {
        return anyEquals(countries, account.country())
                && anyEquals(states, account.state())
                && (postalCodes == null || postalCodes.stream().anyMatch(r -> r.matches(account.postalCode())))
                && anyEquals(industries, account.industry())
                && (employees == null || employees.matches(
                        account.employees() == null ? null : BigDecimal.valueOf(account.employees())))
                && (revenue == null || revenue.matches(account.annualRevenue()))
                && anyEquals(segments, account.segment())
                && (parentAccountIds == null || (account.parentId() != null && parentAccountIds.contains(account.parentId())));
    }

    /** Why this rule could never match any account (empty lists, inverted bands or ranges); empty when fine. */
    public List<FieldError> neverMatchReasons() {
        List<FieldError> reasons = new ArrayList<>();
        emptyList(reasons, "countries", countries);
        emptyList(reasons, "states", states);
        emptyList(reasons, "postalCodes", postalCodes);
        emptyList(reasons, "industries", industries);
        emptyList(reasons, "segments", segments);
        emptyList(reasons, "parentAccountIds", parentAccountIds);
        if (postalCodes != null) {
            for (PostalRange range : postalCodes) {
                if (range == null || range.from() == null || range.from().isBlank()) {
                    reasons.add(FieldError.of("postalCodes", "a postal code range needs 'from'"));
                } else if (range.to() != null && normalise(range.from()).compareTo(normalise(range.to())) > 0) {
                    reasons.add(FieldError.of("postalCodes", "range " + range.from() + ".." + range.to()
                            + " is empty (from > to)"));
                }
            }
        }
        band(reasons, "employees", employees);
        band(reasons, "revenue", revenue);
        return reasons;
    }

    private static void band(List<FieldError> reasons, String field, Band band) {
        if (band == null) {
            return;
        }
        if (band.min() == null && band.max() == null) {
            reasons.add(FieldError.of(field, "a band needs min or max"));
        } else if (band.min() != null && band.max() != null && band.min().compareTo(band.max()) > 0) {
            reasons.add(FieldError.of(field, "band min " + band.min() + " is above max " + band.max()));
        } else if (band.max() != null && band.max().signum() < 0) {
            reasons.add(FieldError.of(field, "band max " + band.max() + " is negative"));
        }
    }

    private static void emptyList(List<FieldError> reasons, String field, List<?> values) {
        if (values != null && values.isEmpty()) {
            reasons.add(FieldError.of(field, "an empty list matches nothing; leave the criterion out instead"));
        }
    }

    private static boolean anyEquals(List<String> allowed, String value) {
        if (allowed == null) {
            return true;
        }
        if (value == null) {
            return false;
        }
        for (String candidate : allowed) {
            if (candidate != null && candidate.equalsIgnoreCase(value.trim())) {
                return true;
            }
        }
        return false;
    }

    static String normalise(String text) {
        return text == null ? null : text.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
