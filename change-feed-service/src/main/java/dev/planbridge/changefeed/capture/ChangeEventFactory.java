package dev.planbridge.changefeed.capture;

import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.ChangeSource;
import dev.planbridge.contracts.feed.Operation;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds the published envelope of a change, one named method per kind as Debezium's {@code Envelope} does
 * ({@code read}, {@code create}, {@code update}, {@code delete}, plus Salesforce's {@code undelete}): each takes only
 * the images its kind has, so a delete cannot be given an after-image nor an update lose its before-image. The
 * factory adds the deterministic event id, the changed fields and the origin (CRM user or the sync service's push).
 */
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
        this.userNames = Objects.requireNonNull(userNames, "userNames");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A record as the initial snapshot found it (op {@code r}); every field counts as changed. */
    public ChangeEvent read(ChangeSeen seen, Map<String, Object> after) {
        if (!seen.snapshot()) {
            throw new IllegalArgumentException("A read comes from a snapshot; " + seen.recordId() + " was polled");
        }
        return build(seen, Operation.READ, null, required(after, "after", seen, Operation.READ),
                RecordImages.changedFields(null, after));
    }

    /** A record that did not exist before (op {@code c}). */
    public ChangeEvent create(ChangeSeen seen, Map<String, Object> after) {
        return build(seen, Operation.CREATE, null, required(after, "after", seen, Operation.CREATE),
                RecordImages.changedFields(null, after));
    }

    /** A record that changed (op {@code u}): the changed fields are those whose values differ between the images. */
    public ChangeEvent update(ChangeSeen seen, Map<String, Object> before, Map<String, Object> after) {
        required(before, "before", seen, Operation.UPDATE);
        required(after, "after", seen, Operation.UPDATE);
        return build(seen, Operation.UPDATE, before, after, RecordImages.changedFields(before, after));
    }

    /** A record that was deleted (op {@code d}); it keeps its last image as {@code before}. */
    public ChangeEvent delete(ChangeSeen seen, Map<String, Object> before) {
        return build(seen, Operation.DELETE, required(before, "before", seen, Operation.DELETE), null, List.of());
    }

    /** A deleted record brought back from the recycle bin. */
    public ChangeEvent undelete(ChangeSeen seen, Map<String, Object> after) {
        return build(seen, Operation.UNDELETE, null, required(after, "after", seen, Operation.UNDELETE),
                RecordImages.changedFields(null, after));
    }

    private ChangeEvent build(ChangeSeen seen, Operation op, Map<String, Object> before, Map<String, Object> after,
            List<String> changed) {
        String origin = integrationUserId != null && integrationUserId.equals(seen.modifiedBy())
                ? ChangeSource.ORIGIN_SYNC : ChangeSource.ORIGIN_CRM;
        String modifiedByName = seen.modifiedBy() == null ? null : userNames.apply(seen.modifiedBy());
        String pushId = ChangeSource.ORIGIN_SYNC.equals(origin) ? pushes.pushAt(seen.object(), seen.reportedAt()) : null;
        long stampMillis = seen.stamp() == null ? 0L : seen.stamp().toEpochMilli();
        return new ChangeEvent(ChangeEvent.SCHEMA_VERSION,
                ChangeEvent.eventIdOf(seen.object(), seen.recordId(), stampMillis, op),
                seen.recordId(), seen.object(), op, before, after, changed,
                new ChangeSource(orgId, seen.reportedAt(), seen.modifiedBy(), modifiedByName, origin, pushId,
                        seen.snapshot()),
                clock.millis());
    }

    private static Map<String, Object> required(Map<String, Object> image, String which, ChangeSeen seen,
            Operation op) {
        if (image == null) {
            throw new IllegalArgumentException("A " + op.name().toLowerCase(java.util.Locale.ROOT) + " of "
                    + seen.object() + " " + seen.recordId() + " needs its " + which + "-image");
        }
        return image;
    }
}
