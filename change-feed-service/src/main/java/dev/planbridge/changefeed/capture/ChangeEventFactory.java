package dev.planbridge.changefeed.capture;

import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.ChangeSource;
import dev.planbridge.contracts.feed.Operation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds the published envelope of a change, including its deterministic id and its origin. */
public final class ChangeEventFactory {

    private final String orgId;
    private final String integrationUserId;
    private final Function<String, String> userNames;
    private final Clock clock;
    private final PushAttribution pushes;

    public ChangeEventFactory(String orgId, String integrationUserId, Function<String, String> userNames, Clock clock) {
        this(orgId, integrationUserId, userNames, PushAttribution.NONE, clock);
    }

    /**
     * @param integrationUserId the sync service's user: its writes get origin {@code planbridge-sync} (null: none)
     * @param userNames         user id to display name (may answer null)
     * @param pushes            which sync push made a change of the integration user ({@code source.pushId})
     */
    public ChangeEventFactory(String orgId, String integrationUserId, Function<String, String> userNames,
            PushAttribution pushes, Clock clock) {
        this.orgId = orgId;
        this.pushes = pushes == null ? PushAttribution.NONE : pushes;
        this.integrationUserId = integrationUserId;
        this.userNames = userNames;
        this.clock = clock;
    }

    /** A change identified and stamped by the same SystemModstamp. */
    public ChangeEvent create(String object, String recordId, Operation op, Map<String, Object> before,
            Map<String, Object> after, Instant stamp, String modifiedBy, boolean snapshot) {
        return create(object, recordId, op, before, after, stamp, stamp, modifiedBy, snapshot);
    }

    /**
     * @param idStamp     the SystemModstamp the change is identified by (same change, same stamp, same id)
     * @param sourceStamp the SystemModstamp reported in {@code source} (for a delete found by a snapshot diff: when
     *                    it was noticed, since Salesforce keeps no stamp of it)
     * @param modifiedBy  the user who made the change (LastModifiedById of the newest image)
     */
    public ChangeEvent create(String object, String recordId, Operation op, Map<String, Object> before,
            Map<String, Object> after, Instant idStamp, Instant sourceStamp, String modifiedBy, boolean snapshot) {
        List<String> changed = switch (op) {
            case DELETE -> List.of();
            case CREATE, READ, UNDELETE -> RecordImages.changedFields(null, after);
            case UPDATE -> RecordImages.changedFields(before, after);
        };
        String origin = integrationUserId != null && integrationUserId.equals(modifiedBy)
                ? ChangeSource.ORIGIN_SYNC : ChangeSource.ORIGIN_CRM;
        String modifiedByName = modifiedBy == null ? null : userNames.apply(modifiedBy);
        String pushId = ChangeSource.ORIGIN_SYNC.equals(origin) ? pushes.pushAt(object, sourceStamp) : null;
        long stampMillis = idStamp == null ? 0L : idStamp.toEpochMilli();
        return new ChangeEvent(ChangeEvent.SCHEMA_VERSION,
                ChangeEvent.eventIdOf(object, recordId, stampMillis, op),
                recordId, object, op, before, after, changed,
                new ChangeSource(orgId, sourceStamp, modifiedBy, modifiedByName, origin, pushId, snapshot),
                clock.millis());
    }
}
