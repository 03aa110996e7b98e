package dev.planbridge.changefeed.capture;

import dev.planbridge.contracts.feed.FieldDescribe;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which business fields of an object the feed captures. Either a fixed list (the {@code fields} setting: exactly those,
 * a field added to the org is not followed) or the org's describe ({@code include}/{@code exclude} patterns, default:
 * every field), re-evaluated whenever the describe changes. The engine adds Id, SystemModstamp, LastModifiedById and
 * IsDeleted itself.
 */
public final class FieldSelection {

    /** Salesforce cannot return these in a SOQL row as one value: compound fields (their parts are selected) and files. */
    private static final Set<String> UNSELECTABLE_TYPES = Set.of("address", "location", "base64");
    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_*]+");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?");

    private final List<String> fixed;
    private final List<Pattern> include;
    private final List<Pattern> exclude;
    private final String description;

    private FieldSelection(List<String> fixed, List<Pattern> include, List<Pattern> exclude, String description) {
        this.fixed = fixed;
        this.include = include;
        this.exclude = exclude;
        this.description = description;
    }

    /** Exactly these fields (a relationship path such as {@code Owner.Name} is allowed and not checked). */
    public static FieldSelection fixed(List<String> fields) {
        List<String> copy = List.copyOf(fields);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("A fixed field list needs at least one field");
        }
        for (String field : copy) {
            if (!FIELD.matcher(field).matches()) {
                throw new IllegalArgumentException("Not a field name: '" + field + "'");
            }
        }
        return new FieldSelection(copy, List.of(), List.of(), "fields " + String.join(",", copy));
    }

    /**
     * Every field the describe reports that matches one of {@code include} (empty: all) and none of {@code exclude}.
     * Patterns are field names with {@code *} for any characters, case-insensitive: {@code *__c}, {@code Billing*}.
     */
    public static FieldSelection fromDescribe(List<String> include, List<String> exclude) {
        return new FieldSelection(null, patterns(include, "include"), patterns(exclude, "exclude"),
                "describe, include " + (include.isEmpty() ? "*" : String.join(",", include))
                        + (exclude.isEmpty() ? "" : ", exclude " + String.join(",", exclude)));
    }

    /** Every field the describe reports. */
    public static FieldSelection everyField() {
        return fromDescribe(List.of(), List.of());
    }

    public boolean followsDescribe() {
        return fixed == null;
    }

    /** The configured fixed list (empty when the selection follows the describe). */
    public List<String> fixedFields() {
        return fixed == null ? List.of() : fixed;
    }

    /**
     * The business fields to capture from this describe, in describe order (fixed lists: in their order, those the
     * org lacks left out: {@link #missingFrom} names them).
     */
    public List<String> choose(List<FieldDescribe> describe) {
        List<String> chosen = new ArrayList<>();
        if (fixed != null) {
            for (String field : fixed) {
                if (field.contains(".") || describe.stream().anyMatch(f -> f.name().equals(field))) {
                    chosen.add(field);
                }
            }
            return chosen;
        }
        for (FieldDescribe field : describe) {
            if (!UNSELECTABLE_TYPES.contains(field.type()) && matchesAny(include, field.name(), true)
                    && !matchesAny(exclude, field.name(), false)) {
                chosen.add(field.name());
            }
        }
        return chosen;
    }

    /** Fields of a fixed list the describe does not report. */
    public List<String> missingFrom(List<FieldDescribe> describe) {
        if (fixed == null) {
            return List.of();
        }
        return fixed.stream().filter(field -> !field.contains("."))
                .filter(field -> describe.stream().noneMatch(f -> f.name().equals(field))).toList();
    }

    @Override
    public String toString() {
        return description;
    }

    private static boolean matchesAny(List<Pattern> patterns, String name, boolean whenEmpty) {
        if (patterns.isEmpty()) {
            return whenEmpty;
        }
        return patterns.stream().anyMatch(pattern -> pattern.matcher(name).matches());
    }

    private static List<Pattern> patterns(List<String> globs, String setting) {
        List<Pattern> patterns = new ArrayList<>();
        for (String glob : globs) {
            String trimmed = glob.trim();
            if (!PATTERN.matcher(trimmed).matches()) {
                throw new IllegalArgumentException(setting + ": '" + glob + "' is not a field name pattern (letters, "
                        + "digits, _ and * only)");
            }
            patterns.add(Pattern.compile(trimmed.replace("*", ".*"), Pattern.CASE_INSENSITIVE));
        }
        return List.copyOf(patterns);
    }
}
