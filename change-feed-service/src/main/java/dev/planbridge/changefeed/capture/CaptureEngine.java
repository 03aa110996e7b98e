package dev.planbridge.changefeed.capture;

import dev.planbridge.changefeed.capture.CrmSource.CrmSession;
import dev.planbridge.changefeed.capture.CrmSource.DeletedRecord;
import dev.planbridge.changefeed.capture.CrmSource.ObjectDescription;
import dev.planbridge.changefeed.capture.CrmSource.RecordPage;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.FieldDescribe;
import dev.planbridge.contracts.feed.SchemaChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * Captures one Salesforce object into a {@link CaptureStore}, one {@link #poll()} at a time. Plain Java, no
 * threads: the runtime calls it in a loop, tests call it step by step.
 *
 * <p>Exactly-once rests on two rules. Every decision (is this row new? which before-image?) is taken against state
 * that was committed together with the events it produced; and anything that goes wrong makes the engine unusable
 * until {@link #start()} restores that committed state again. Rows read twice (the overlap window, a re-read after a
 * crash) are therefore recognised by the SystemModstamp in the state store, or by the deleted-record markers.
 */
public final class CaptureEngine {

    private static final System.Logger LOG = System.getLogger(CaptureEngine.class.getName());
    /** Salesforce keeps getDeleted history for 15 days; ask a little less so that the call is always valid. */
    private static final Duration DELETED_WINDOW = Duration.ofDays(15).minusMinutes(5);
    /** A poll that found nothing still refreshes lastPollAt, but at most this often (one small transaction). */
    private static final Duration POSITION_REFRESH = Duration.ofMinutes(1);

    private enum ScanKind { INITIAL, RESNAPSHOT, DIFF }

    private final ObjectSpec spec;
    private final CrmSource crm;
    private final CaptureStore store;
    private final CaptureSettings settings;
    private final CaptureListener listener;
    private final Clock clock;
    private final String integrationUsername;
    private final PushAttribution pushes;

    /** The org's clock is read once in a while; in between, the local clock plus the measured offset stands in. */
    private static final Duration SERVER_TIME_REFRESH = Duration.ofMinutes(10);

    private final UserNameCache userNames;
    private final PageFetcher pages;
    private Duration serverOffset;
    private Instant serverOffsetMeasuredAt;
    private Map<String, Map<String, Object>> images;
    private Map<String, Instant> deletedMarkers;
    private CapturePosition position;
    private CapturedSchema schema;
    private String orgId;
    private ChangeEventFactory events;
    private boolean open;
    /** Change events committed since start (a poll that fails over a schema change still counts its commits). */
    private long eventsCommitted;

    /**
     * @param integrationUsername the sync service's Salesforce username; its changes get origin planbridge-sync
     */
    public CaptureEngine(ObjectSpec spec, CrmSource crm, CaptureStore store, CaptureSettings settings,
            String integrationUsername, CaptureListener listener, Clock clock) {
        this(spec, crm, store, settings, integrationUsername, PushAttribution.NONE, listener, clock);
    }

    /**
     * @param integrationUsername the sync service's Salesforce username; its changes get origin planbridge-sync
     * @param pushes              names the push behind such a change ({@code source.pushId}) when it can
     */
    public CaptureEngine(ObjectSpec spec, CrmSource crm, CaptureStore store, CaptureSettings settings,
            String integrationUsername, PushAttribution pushes, CaptureListener listener, Clock clock) {
        this.pushes = pushes == null ? PushAttribution.NONE : pushes;
        this.spec = spec;
        this.crm = crm;
        this.store = store;
        this.settings = settings;
        this.integrationUsername = integrationUsername;
        this.listener = listener == null ? CaptureListener.NONE : listener;
        this.clock = clock;
        this.userNames = new UserNameCache(crm);
        this.pages = new PageFetcher(crm, userNames);
    }

    public String object() {
        return spec.name();
    }

    /**
     * Logs in, takes the object over in the store, restores the committed state and reads the describe: a field of a
     * fixed list the org lacks is a {@link CrmException} with code INVALID_FIELD naming it (unless it was captured
     * before: the org removed it). A captured field list that differs from the committed one is announced by the
     * first poll.
     */
    public void start() {
        open = false;
        CrmSession session = crm.login();
        orgId = session.orgId();
        ObjectDescription description = crm.describe(spec.name());
        String integrationUserId = integrationUsername == null || integrationUsername.isBlank()
                ? null : crm.userIdByUsername(integrationUsername);
        if (integrationUsername != null && !integrationUsername.isBlank() && integrationUserId == null) {
            LOG.log(System.Logger.Level.WARNING, "Integration user {0} not found in the org: no change will be "
                    + "marked planbridge-sync", integrationUsername);
        }
        events = new ChangeEventFactory(session.orgId(), integrationUserId, userNames::nameOf, pushes, clock);

        CaptureStore.Restored restored = store.open();
        images = new HashMap<>(restored.images());
        deletedMarkers = new HashMap<>(restored.deletedMarkers());
        position = restored.position() != null ? restored.position() : CapturePosition.initial(spec.name());
        schema = CapturedSchema.start(spec, orgId, description, position.capturedFields(),
                settings.describeInterval(), clock.instant());
        open = true;
        listener.snapshotProgress(spec.name(), position.snapshotRows(), position.snapshotDone());
    }

    /** One capture cycle: initial snapshot, resnapshot, snapshot diff or incremental query, whichever is due. */
    public int poll() {
        if (!open) {
            throw new IllegalStateException("Capture of " + spec.name() + " is not started (or failed): call start()");
        }
        boolean ok = false;
        try {
            Instant now = orgNow();
            if (schema.describeDue(clock.instant())) {
                schema.follow(crm.describe(spec.name()), clock.instant());
            }
            publishSchemaChange(now);
            long committedBefore = eventsCommitted;
            try {
                captureDue(now);
            } catch (CrmException e) {
                if (!CrmException.INVALID_FIELD.equals(e.code()) || !followRemovedField(now)) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "{0}: {1}; the describe shows a changed field list, capturing "
                        + "again from the committed position", spec.name(), e.getMessage());
                captureDue(now);
            }
            ok = true;
            listener.pollSucceeded(spec.name());
            return Math.toIntExact(eventsCommitted - committedBefore);
        } finally {
            // Whatever failed (CRM, Kafka, a bug), in-memory state may be ahead of what was committed.
            open = ok;
        }
    }

    /** Whichever is due: initial snapshot, resnapshot, snapshot diff or incremental query. */
    private int captureDue(Instant now) {
        if (!position.snapshotDone()) {
            return scan(now, ScanKind.INITIAL);
        }
        if (position.lastPollAt() != null
                && Duration.between(position.lastPollAt(), now).compareTo(settings.resnapshotAfter()) > 0) {
            LOG.log(System.Logger.Level.WARNING, "{0}: last poll at {1} is older than {2}; resnapshot with diff",
                    spec.name(), position.lastPollAt(), settings.resnapshotAfter());
            return scan(now, ScanKind.RESNAPSHOT);
        }
        if (spec.strategy() == ObjectSpec.Strategy.SNAPSHOT_DIFF) {
            return scan(now, ScanKind.DIFF);
        }
        return incremental(now);
    }

    /**
     * A query failed with INVALID_FIELD: a selected field may have been removed from the org. Re-reads the describe
     * and commits the new field list; false when the list did not change (then the fault is not a schema change).
     * Batches committed before the failure stay committed and the failed one was never applied, so capturing again
     * from the committed position loses and repeats nothing.
     */
    private boolean followRemovedField(Instant now) {
        schema.follow(crm.describe(spec.name()), clock.instant());
        return publishSchemaChange(now);
    }

    /** Commits the schema change, if any, with the position that records the new field list. */
    private boolean publishSchemaChange(Instant now) {
        SchemaChanged change = schema.changeFrom(position.capturedFields(), now);
        if (change == null) {
            return false;
        }
        CaptureBatch batch = new CaptureBatch(spec.name());
        batch.schemaChange(change);
        commit(batch, position.withCapturedFields(schema.captured()));
        LOG.log(System.Logger.Level.INFO, "{0}: captured fields changed, added {1}, removed {2}", spec.name(),
                change.added().stream().map(FieldDescribe::name).toList(),
                change.removed().stream().map(FieldDescribe::name).toList());
        return true;
    }

    public CapturePosition position() {
        return position;
    }

    /** The number of live records in the state store. */
    public int knownRecords() {
        return images == null ? 0 : images.size();
    }

    // ---------------------------------------------------------------- incremental capture

    private int incremental(Instant now) {
        Instant watermark = position.watermark();
        Instant from = watermark.minus(settings.overlap());
        List<String> fields = new ArrayList<>(schema.queryFields());
        boolean hasIsDeleted = schema.hasIsDeleted();
        if (hasIsDeleted) {
            fields.add(RecordImages.IS_DELETED);
        }
        int published = 0;
        RecordPage page = crm.changedSince(spec.name(), fields, from, hasIsDeleted);
        userNames.prefetch(page.records());
        CaptureBatch batch = new CaptureBatch(spec.name());
        while (true) {
            Future<RecordPage> nextPage = pages.fetchNext(page);
            try {
                for (Map<String, Object> row : page.records()) {
                    Instant stamp = RecordImages.stamp(row);
                    if (stamp != null && stamp.isAfter(watermark)) {
                        watermark = stamp;
                    }
                    applyIncremental(row, batch);
                    if (batch.events().size() >= settings.maxEventsPerCommit()) {
                        // Rows come ordered by SystemModstamp: everything below this stamp has been seen.
                        published += commit(batch, position.withWatermark(watermark));
                        batch = new CaptureBatch(spec.name());
                    }
                }
            } catch (RuntimeException | Error e) {
                PageFetcher.settle(nextPage);
                throw e;
            }
            if (nextPage == null) {
                break;
            }
            page = PageFetcher.await(nextPage);
        }
        CapturePosition next = position.withWatermark(watermark);
        if (!settings.deletedCheckInterval().isZero() && schema.hasIsDeleted() && isDue(position.lastDeletedCheck(), now,
                settings.deletedCheckInterval())) {
            applyGetDeleted(now, batch);
            next = next.withLastDeletedCheck(now);
        }
        boolean refresh = isDue(position.lastPollAt(), now, POSITION_REFRESH);
        next = refresh ? next.withLastPollAt(now) : next;
        if (!batch.isEmpty() || !next.equals(position)) {
            published += commit(batch, next);
        }
        return published;
    }

    private void applyIncremental(Map<String, Object> row, CaptureBatch batch) {
        String id = idOf(row);
        Map<String, Object> image = imageOf(row);
        Instant stamp = RecordImages.stamp(row);
        Map<String, Object> previous = currentImage(id, batch);
        Instant marker = currentMarker(id, batch);
        ChangeSeen seen = ChangeSeen.polled(spec.name(), id, stamp, (String) row.get(RecordImages.LAST_MODIFIED_BY_ID));
        if (RecordImages.isDeleted(row)) {
            if (previous == null) {
                // Already published as deleted, or created and deleted between two polls: consumers never saw it
                // alive, so a delete would not follow any create. Each record's stream stays a valid sequence.
                return;
            }
            publishDelete(batch, events.delete(seen, previous), stamp != null ? stamp : Instant.now(clock));
        } else if (previous != null) {
            if (RecordImages.isNewer(row, previous)) {
                publish(batch, events.update(seen, previous, image), image);
            }
        } else if (marker != null) {
            if (stamp == null || stamp.isAfter(marker)) {
                publish(batch, events.undelete(seen, image), image);
            }
        } else {
            publish(batch, events.create(seen, image), image);
        }
    }

    /** The backup path: getDeleted reports deletes whose rows queryAll no longer returns. */
    private void applyGetDeleted(Instant now, CaptureBatch batch) {
        Instant earliest = now.minus(DELETED_WINDOW);
        Instant start = position.lastDeletedCheck() == null ? earliest
                : position.lastDeletedCheck().minus(settings.overlap());
        if (start.isBefore(earliest)) {
            start = earliest;
        }
        if (!start.isBefore(now)) {
            return;
        }
        for (DeletedRecord deleted : crm.deletedBetween(spec.name(), start, now)) {
            Map<String, Object> previous = currentImage(deleted.id(), batch);
            if (previous == null || currentMarker(deleted.id(), batch) != null) {
                continue; // never seen, or its delete is already published
            }
            Instant lastSeen = RecordImages.stamp(previous);
            if (lastSeen != null && deleted.deletedDate() != null && deleted.deletedDate().isBefore(lastSeen)) {
                continue; // deleted, then undeleted and changed since: the image we hold is newer
            }
            publishDelete(batch, events.delete(ChangeSeen.polled(spec.name(), deleted.id(), deleted.deletedDate(), null),
                    previous), deleted.deletedDate());
        }
    }

    // ---------------------------------------------------------------- snapshots

    private int scan(Instant now, ScanKind kind) {
        boolean diff = kind != ScanKind.INITIAL;
        Set<String> seen = diff ? new HashSet<>() : null;
        long rows = 0;
        int published = 0;
        RecordPage page = crm.readAll(spec.name(), schema.queryFields());
        userNames.prefetch(page.records());
        CaptureBatch batch = new CaptureBatch(spec.name());
        while (true) {
            Future<RecordPage> nextPage = pages.fetchNext(page);
            try {
                for (Map<String, Object> row : page.records()) {
                    rows++;
                    String id = idOf(row);
                    if (seen != null) {
                        seen.add(id);
                    }
                    applyScanned(row, batch, kind);
                    if (batch.events().size() >= settings.maxEventsPerCommit()) {
                        published += commit(batch, position.withSnapshotRows(kind == ScanKind.DIFF
                                ? position.snapshotRows() : rows));
                        batch = new CaptureBatch(spec.name());
                    }
                }
                if (kind != ScanKind.DIFF) {
                    listener.snapshotProgress(spec.name(), rows, false);
                }
            } catch (RuntimeException | Error e) {
                PageFetcher.settle(nextPage);
                throw e;
            }
            if (nextPage == null) {
                break;
            }
            page = PageFetcher.await(nextPage);
        }
        if (diff) {
            for (String id : new ArrayList<>(images.keySet())) {
                if (seen.contains(id) || batch.touches(id)) {
                    continue;
                }
                Map<String, Object> previous = images.get(id);
                // Salesforce keeps no stamp of a delete only a scan notices: identified by the last image's stamp,
                // reported at the scan.
                ChangeSeen gone = ChangeSeen.polled(spec.name(), id, RecordImages.stamp(previous), null)
                        .reportedAt(now).inSnapshot(kind == ScanKind.RESNAPSHOT);
                publishDelete(batch, events.delete(gone, previous), now);
                if (batch.events().size() >= settings.maxEventsPerCommit()) {
                    published += commit(batch, position);
                    batch = new CaptureBatch(spec.name());
                }
            }
        }
        CapturePosition next = switch (kind) {
            case INITIAL, RESNAPSHOT -> position.withSnapshotRows(rows).snapshotCompleted(now);
            case DIFF -> isDue(position.lastPollAt(), now, POSITION_REFRESH)
                    ? position.withLastPollAt(now).withWatermark(now) : position;
        };
        if (!batch.isEmpty() || !next.equals(position)) {
            published += commit(batch, next);
        }
        if (kind != ScanKind.DIFF) {
            listener.snapshotProgress(spec.name(), rows, true);
        }
        return published;
    }

    private void applyScanned(Map<String, Object> row, CaptureBatch batch, ScanKind kind) {
        String id = idOf(row);
        Map<String, Object> image = imageOf(row);
        Instant stamp = RecordImages.stamp(row);
        Map<String, Object> previous = currentImage(id, batch);
        ChangeSeen seen = ChangeSeen.polled(spec.name(), id, stamp, (String) row.get(RecordImages.LAST_MODIFIED_BY_ID))
                .inSnapshot(kind != ScanKind.DIFF);
        if (previous != null) {
            if (RecordImages.isNewer(row, previous)) {
                publish(batch, events.update(seen, previous, image), image);
            }
        } else if (currentMarker(id, batch) != null) {
            publish(batch, events.undelete(seen, image), image);
        } else if (kind == ScanKind.INITIAL) {
            publish(batch, events.read(seen, image), image);
        } else {
            publish(batch, events.create(seen, image), image);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Adds a change that leaves the record alive: {@code image} becomes its current image once committed. */
    private static void publish(CaptureBatch batch, ChangeEvent event, Map<String, Object> image) {
        batch.add(event, image, null);
    }

    /** Adds a delete: the record loses its image and gets a delete marker at {@code marker} once committed. */
    private static void publishDelete(CaptureBatch batch, ChangeEvent event, Instant marker) {
        batch.add(event, null, marker);
    }

    private int commit(CaptureBatch batch, CapturePosition next) {
        batch.position(next);
        store.commit(batch);
        // Only now, with the commit acknowledged, does the in-memory state move on.
        batch.images().forEach((id, image) -> {
            if (image == null) {
                images.remove(id);
            } else {
                images.put(id, image);
            }
        });
        batch.deletedMarkers().forEach((id, marker) -> {
            if (marker == null) {
                deletedMarkers.remove(id);
            } else {
                deletedMarkers.put(id, marker);
            }
        });
        position = next;
        eventsCommitted += batch.events().size();
        if (!batch.events().isEmpty()) {
            listener.published(spec.name(), batch.events());
        }
        return batch.events().size();
    }

    /** Org time now, from the org's clock with the local clock interpolating (saves one API call per poll). */
    private Instant orgNow() {
        Instant local = clock.instant();
        if (serverOffset == null || isDue(serverOffsetMeasuredAt, local, SERVER_TIME_REFRESH)) {
            Instant server = crm.serverTime();
            serverOffset = Duration.between(clock.instant(), server);
            serverOffsetMeasuredAt = local;
            return server;
        }
        return local.plus(serverOffset);
    }

    private Map<String, Object> currentImage(String id, CaptureBatch batch) {
        return batch.touches(id) ? batch.pendingImage(id) : images.get(id);
    }

    private Instant currentMarker(String id, CaptureBatch batch) {
        return batch.touches(id) ? batch.pendingMarker(id) : deletedMarkers.get(id);
    }

    private String idOf(Map<String, Object> row) {
        Object id = row.get(RecordImages.ID);
        if (!(id instanceof String text) || text.isBlank()) {
            throw new IllegalStateException(spec.name() + " row without Id: " + row.keySet());
        }
        return text;
    }

    private static Map<String, Object> imageOf(Map<String, Object> row) {
        Map<String, Object> image = new LinkedHashMap<>(row);
        image.remove(RecordImages.IS_DELETED);
        return image;
    }

    private static boolean isDue(Instant last, Instant now, Duration interval) {
        return last == null || Duration.between(last, now).compareTo(interval) >= 0;
    }
}
