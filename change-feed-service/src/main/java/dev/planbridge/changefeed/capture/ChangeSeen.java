package dev.planbridge.changefeed.capture;

import java.time.Instant;
import java.util.Objects;

/**
 * Where and how the feed saw a change, the part of Debezium's {@code source} block that the capture knows: the record,
 * the SystemModstamp that identifies the change, the stamp to report, who made it and whether a snapshot found it.
 *
 * @param stamp      the SystemModstamp the change is identified by (same change, same stamp, same event id); null
 *                   when the org kept none
 * @param reportedAt the stamp shown in {@code source}: the same, except for a delete found by a snapshot diff, which
 *                   is reported when it was noticed since Salesforce keeps no stamp of it
 * @param modifiedBy the user who made the change (LastModifiedById of the newest image), null when unknown
 */
public record ChangeSeen(String object, String recordId, Instant stamp, Instant reportedAt, String modifiedBy,
                         boolean snapshot) {

    public ChangeSeen {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(recordId, "recordId");
    }

    /** A change found by polling (or a snapshot diff): identified and reported by its own stamp. */
    public static ChangeSeen polled(String object, String recordId, Instant stamp, String modifiedBy) {
        return new ChangeSeen(object, recordId, stamp, stamp, modifiedBy, false);
    }

    /** The same change, found by a snapshot (initial or re-snapshot). */
    public ChangeSeen inSnapshot(boolean inSnapshot) {
        return new ChangeSeen(object, recordId, stamp, reportedAt, modifiedBy, inSnapshot);
    }

    /** The same change, reported at {@code noticed} instead of its stamp. */
    public ChangeSeen reportedAt(Instant noticed) {
        return new ChangeSeen(object, recordId, stamp, noticed, modifiedBy, snapshot);
    }
}
