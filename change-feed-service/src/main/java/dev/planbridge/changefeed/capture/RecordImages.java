package dev.planbridge.changefeed.capture;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Rules about record images: stamps, equality of values, and which fields really changed. */
public final class RecordImages {

    public static final String ID = "Id";
    public static final String SYSTEM_MODSTAMP = "SystemModstamp";
    public static final String LAST_MODIFIED_BY_ID = "LastModifiedById";
    public static final String LAST_MODIFIED_DATE = "LastModifiedDate";
    public static final String IS_DELETED = "IsDeleted";
    public static final String OWNER_ID = "OwnerId";

    /** Bookkeeping fields that change with every write; listing them in changedFields would say nothing. */
    private static final Set<String> NOT_BUSINESS_FIELDS = Set.of(ID, SYSTEM_MODSTAMP, LAST_MODIFIED_DATE,
            LAST_MODIFIED_BY_ID, IS_DELETED);

    private RecordImages() {
    }

    /** The record's SystemModstamp, or null when the object has none. */
    public static Instant stamp(Map<String, Object> image) {
        Object value = image == null ? null : image.get(SYSTEM_MODSTAMP);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("SystemModstamp is not an ISO-8601 instant: '" + value + "'", e);
        }
    }

    public static boolean isDeleted(Map<String, Object> row) {
        Object value = row.get(IS_DELETED);
        return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
    }

    /**
     * The business fields whose values differ between two images, in the order of the newer image. Numbers compare by
     * value (1 equals 1.0), so a JSON round trip never fakes a change.
     *
     * <p>The field list may have changed between the images (a field added to or removed from the org): a field only
     * the older image has is no longer captured and is not a change; a field only the newer image has counts as
     * changed only when it holds a value (not null, empty or false), so a field that merely appeared is not listed.
     */
    public static List<String> changedFields(Map<String, Object> before, Map<String, Object> after) {
        Set<String> names = new LinkedHashSet<>();
        if (after != null) {
            names.addAll(after.keySet());
        } else if (before != null) {
            names.addAll(before.keySet());
        }
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (NOT_BUSINESS_FIELDS.contains(name)) {
                continue;
            }
            Object newValue = after == null ? null : after.get(name);
            if (before != null && after != null && !before.containsKey(name)) {
                if (holdsValue(newValue)) {
                    changed.add(name);
                }
                continue;
            }
            Object oldValue = before == null ? null : before.get(name);
            if (!sameValue(oldValue, newValue)) {
                changed.add(name);
            }
        }
        return changed;
    }

    private static boolean holdsValue(Object value) {
        return value != null && !Boolean.FALSE.equals(value) && !"".equals(value);
    }

    /** True when the images carry the same business values (bookkeeping fields ignored). */
    public static boolean sameBusinessValues(Map<String, Object> a, Map<String, Object> b) {
        return changedFields(a, b).isEmpty();
    }

    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number na && b instanceof Number nb) {
            return new BigDecimal(na.toString()).compareTo(new BigDecimal(nb.toString())) == 0;
        }
        return Objects.equals(a, b);
    }

    /** Whether a row is a newer version than the image the store holds. */
    public static boolean isNewer(Map<String, Object> row, Map<String, Object> stored) {
        Instant rowStamp = stamp(row);
        Instant storedStamp = stamp(stored);
        if (rowStamp != null && storedStamp != null) {
            return rowStamp.isAfter(storedStamp);
        }
        return !sameBusinessValues(stored, row);
    }
}
