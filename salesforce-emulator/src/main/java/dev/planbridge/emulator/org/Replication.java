package dev.planbridge.emulator.org;

import dev.planbridge.emulator.ApiFaultException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * getUpdated / getDeleted over one object's table: SystemModstamp (updated) or delete time (deleted) in
 * [start, min(end, now)), the 30- and 15-day windows, the id cap (EXCEEDED_ID_LIMIT), INVALID_REPLICATION_DATE for a
 * bad window. Called by {@link Org} under its read lock.
 */
final class Replication {

    static final Duration UPDATED_WINDOW = Duration.ofDays(30);
    static final Duration DELETED_WINDOW = Duration.ofDays(15);

    private Replication() {
    }

    static ObjectDef requireReplicateable(ObjectDef object) {
        if (!object.replicateable()) {
            throw new ApiFaultException(ApiFaultException.Kind.INVALID_SOBJECT, "INVALID_TYPE",
                    "sObject type '" + object.name() + "' is not supported for replication.");
        }
        return object;
    }

    static Org.UpdatedIds updated(ObjectDef object, Map<String, Org.Row> table, Instant start, Instant end,
                                  Instant now, int idLimit) {
        checkWindow(start, end, now, UPDATED_WINDOW);
        Instant latest = end.isAfter(now) ? now : end;
        int modstamp = object.indexOf("SystemModstamp");
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, Org.Row> entry : table.entrySet()) {
            Org.Row row = entry.getValue();
            Instant stamp = (Instant) row.values()[modstamp];
            if (row.deletedAt() == null && !stamp.isBefore(start) && stamp.isBefore(latest)) {
                ids.add(entry.getKey());
                requireBelowLimit(ids.size(), idLimit);
            }
        }
        return new Org.UpdatedIds(ids, latest);
    }

    static Org.DeletedIds deleted(Map<String, Org.Row> table, Instant start, Instant end, Instant now, int idLimit) {
        checkWindow(start, end, now, DELETED_WINDOW);
        Instant latest = end.isAfter(now) ? now : end;
        List<Org.DeletedRecord> records = new ArrayList<>();
        for (Map.Entry<String, Org.Row> entry : table.entrySet()) {
            Instant deletedAt = entry.getValue().deletedAt();
            if (deletedAt != null && !deletedAt.isBefore(start) && deletedAt.isBefore(latest)) {
                records.add(new Org.DeletedRecord(entry.getKey(), deletedAt));
                requireBelowLimit(records.size(), idLimit);
            }
        }
        records.sort((a, b) -> a.deletedDate().compareTo(b.deletedDate()));
        Instant earliest = now.minus(DELETED_WINDOW).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        return new Org.DeletedIds(records, earliest, latest);
    }

    private static void requireBelowLimit(int count, int idLimit) {
        if (count > idLimit) {
            throw ApiFaultException.unexpected("EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than "
                    + idLimit + " records into this call");
        }
    }

    private static void checkWindow(Instant start, Instant end, Instant now, Duration window) {
        if (start == null || end == null) {
            throw ApiFaultException.unexpected("INVALID_REPLICATION_DATE", "startDate and endDate are required");
        }
        if (!start.isBefore(end)) {
            throw ApiFaultException.unexpected("INVALID_REPLICATION_DATE",
                    "startDate must chronologically precede endDate");
        }
        if (start.isBefore(now.minus(window))) {
            throw ApiFaultException.unexpected("INVALID_REPLICATION_DATE", "startDate cannot be more than "
                    + window.toDays() + " days ago");
        }
        if (start.isAfter(now)) {
            throw ApiFaultException.unexpected("INVALID_REPLICATION_DATE", "startDate cannot be in the future");
        }
    }
}
