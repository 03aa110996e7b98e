package dev.planbridge.changefeed.history;

import dev.planbridge.contracts.feed.ChangeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which changes a planner wants to see. Every value is validated here (bad input gets a clear message) and later
 * bound as a JDBC parameter, never pasted into SQL.
 *
 * @param since inclusive lower bound of the change's SystemModstamp
 * @param until exclusive upper bound
 */
public record FeedFilter(String object, List<String> ids, String owner, String territory, String field,
        String origin, Instant since, Instant until) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
    private static final Pattern SALESFORCE_ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");
    private static final Set<String> ORIGINS = Set.of(ChangeSource.ORIGIN_CRM, ChangeSource.ORIGIN_SYNC);

    public FeedFilter {
        object = blankToNull(object);
        owner = blankToNull(owner);
        territory = blankToNull(territory);
        field = blankToNull(field);
        origin = blankToNull(origin);
        ids = ids == null ? List.of() : ids.stream().flatMap(i -> List.of(i.split(",")).stream())
                .map(String::trim).filter(i -> !i.isEmpty()).toList();
        if (object != null && !NAME.matcher(object).matches()) {
            throw new InvalidFeedQueryException("object must be a Salesforce object name, got '" + object + "'");
        }
        if (field != null && !NAME.matcher(field).matches()) {
            throw new InvalidFeedQueryException("field must be a Salesforce field name, got '" + field + "'");
        }
        for (String id : ids) {
            requireId("ids", id);
        }
        if (ids.size() > 500) {
            throw new InvalidFeedQueryException("at most 500 ids per request, got " + ids.size());
        }
        if (owner != null) {
            requireId("owner", owner);
        }
        if (territory != null) {
            requireId("territory", territory);
        }
        if (origin != null && !ORIGINS.contains(origin)) {
            throw new InvalidFeedQueryException("origin must be one of " + ORIGINS + ", got '" + origin + "'");
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new InvalidFeedQueryException("since (" + since + ") must be before until (" + until + ")");
        }
    }

    public static FeedFilter none() {
        return new FeedFilter(null, List.of(), null, null, null, null, null, null);
    }

    public static Instant parseInstant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (RuntimeException e) {
            throw new InvalidFeedQueryException(name + " must be an ISO-8601 instant such as 2026-11-29T08:00:00Z, got '"
                    + value + "'");
        }
    }

    /** The WHERE clause (without the keyword) and its parameters, in order. */
    String where(List<Object> parameters) {
        List<String> clauses = new ArrayList<>();
        if (object != null) {
            clauses.add("lower(object) = lower(?)");
            parameters.add(object);
        }
        if (!ids.isEmpty()) {
            clauses.add("record_id = ANY (?)");
            parameters.add(ids.toArray(String[]::new));
        }
        if (owner != null) {
            clauses.add("owner_id = ?");
            parameters.add(owner);
        }
        if (territory != null) {
            clauses.add("territory_id = ?");
            parameters.add(territory);
        }
        if (field != null) {
            clauses.add("? = ANY (changed_fields)");
            parameters.add(field);
        }
        if (origin != null) {
            clauses.add("origin = ?");
            parameters.add(origin);
        }
        if (since != null) {
            clauses.add("system_modstamp >= ?");
            parameters.add(java.sql.Timestamp.from(since));
        }
        if (until != null) {
            clauses.add("system_modstamp < ?");
            parameters.add(java.sql.Timestamp.from(until));
        }
        return clauses.isEmpty() ? "TRUE" : String.join(" AND ", clauses);
    }

    private static void requireId(String name, String value) {
        if (!SALESFORCE_ID.matcher(value).matches()) {
            throw new InvalidFeedQueryException(name + " must be a 15- or 18-character Salesforce Id, got '" + value
                    + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
