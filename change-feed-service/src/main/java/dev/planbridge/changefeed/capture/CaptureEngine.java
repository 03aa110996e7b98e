package dev.planbridge.changefeed.capture;

import dev.planbridge.changefeed.capture.CrmSource.CrmSession;
import dev.planbridge.changefeed.capture.CrmSource.DeletedRecord;
import dev.planbridge.changefeed.capture.CrmSource.ObjectDescription;
import dev.planbridge.changefeed.capture.CrmSource.RecordPage;
import dev.planbridge.contracts.feed.ChangeEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    /** Reads query pages ahead of the capture threads (daemon threads, reused, created on demand). */
    private static final ExecutorService PAGE_FETCHER = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "capture-page-fetcher");
        thread.setDaemon(true);
        return thread;
    });

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

    /** Read by the capture thread, filled by the page fetcher too. */
    private final Map<String, Optional<String>> userNameCache = new ConcurrentHashMap<>();
    private Duration serverOffset;
    private Instant serverOffsetMeasuredAt;
    private Map<String, Map<String, Object>> images;
    private Map<String, Instant> deletedMarkers;
    private CapturePosition position;
    private List<String> queryFields;
    private boolean hasIsDeleted;
    private ChangeEventFactory events;
    private boolean open;

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
    }

    public String object() {
        return spec.name();
    }

    /**
     * Logs in, checks the configured fields against the org (a missing one is a {@link CrmException} with code
     * INVALID_FIELD naming it), takes the object over in the store and restores the committed state.
     */
    public void start() {
        open = false;
        CrmSession session = crm.login();
        ObjectDescription description = crm.describe(spec.name());
        List<String> missing = spec.fields().stream()
                .filter(field -> !field.contains(".") && !description.hasField(field))
                .toList();
        if (!missing.isEmpty()) {
            throw new CrmException(CrmException.INVALID_FIELD, "Configured field(s) " + String.join(", ", missing)
                    + " do not exist on " + spec.name() + " in org " + session.orgId());
        }
        Set<String> fields = new LinkedHashSet<>();
        fields.add(RecordImages.ID);
        for (String system : List.of(RecordImages.SYSTEM_MODSTAMP, RecordImages.LAST_MODIFIED_BY_ID)) {
            if (description.hasField(system)) {
                fields.add(system);
            }
        }
        fields.addAll(spec.fields());
        hasIsDeleted = description.hasField(RecordImages.IS_DELETED);
        if (spec.strategy() == ObjectSpec.Strategy.INCREMENTAL && !description.hasField(RecordImages.SYSTEM_MODSTAMP)) {
            throw new CrmException(CrmException.INVALID_FIELD, spec.name()
                    + " has no SystemModstamp: capture it with strategy SNAPSHOT_DIFF");
        }
        queryFields = List.copyOf(fields);
        String integrationUserId = integrationUsername == null || integrationUsername.isBlank()
                ? null : crm.userIdByUsername(integrationUsername);
        if (integrationUsername != null && !integrationUsername.isBlank() && integrationUserId == null) {
            LOG.log(System.Logger.Level.WARNING, "Integration user {0} not found in the org: no change will be "
                    + "marked planbridge-sync", integrationUsername);
        }
        events = new ChangeEventFactory(session.orgId(), integrationUserId, this::userName, pushes, clock);

        CaptureStore.Restored restored = store.open();
        images = new HashMap<>(restored.images());
        deletedMarkers = new HashMap<>(restored.deletedMarkers());
        position = restored.position() != null ? restored.position() : CapturePosition.initial(spec.name());
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
            int published;
            if (!position.snapshotDone()) {
                published = scan(now, ScanKind.INITIAL);
            } else if (position.lastPollAt() != null
                    && Duration.between(position.lastPollAt(), now).compareTo(settings.resnapshotAfter()) > 0) {
                LOG.log(System.Logger.Level.WARNING, "{0}: last poll at {1} is older than {2}; resnapshot with diff",
                        spec.name(), position.lastPollAt(), settings.resnapshotAfter());
                published = scan(now, ScanKind.RESNAPSHOT);
            } else if (spec.strategy() == ObjectSpec.Strategy.SNAPSHOT_DIFF) {
                published = scan(now, ScanKind.DIFF);
            } else {
                published = incremental(now);
            }
            ok = true;
            listener.pollSucceeded(spec.name());
            return published;
        } finally {
            // Whatever failed (CRM, Kafka, a bug), in-memory state may be ahead of what was committed.
            open = ok;
        }
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
        List<String> fields = new ArrayList<>(queryFields);
        if (hasIsDeleted) {
            fields.add(RecordImages.IS_DELETED);
        }
        int published = 0;
        RecordPage page = crm.changedSince(spec.name(), fields, from, hasIsDeleted);
        prefetchUserNames(page.records());
        CaptureBatch batch = new CaptureBatch(spec.name());
        while (true) {
            Future<RecordPage> nextPage = fetchNextPage(page);
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
                settle(nextPage);
                throw e;
            }
            if (nextPage == null) {
                break;
            }
            page = await(nextPage);
        }
        CapturePosition next = position.withWatermark(watermark);
        if (!settings.deletedCheckInterval().isZero() && hasIsDeleted && isDue(position.lastDeletedCheck(), now,
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
        RecordPage page = crm.readAll(spec.name(), queryFields);
        prefetchUserNames(page.records());
        CaptureBatch batch = new CaptureBatch(spec.name());
        while (true) {
            Future<RecordPage> nextPage = fetchNextPage(page);
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
                settle(nextPage);
                throw e;
            }
            if (nextPage == null) {
                break;
            }
            page = await(nextPage);
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

    /**
     * Starts reading the next page (and its users' names) while this thread turns the current page into events and
     * commits them: the SOAP round trip and XML parsing overlap with the Kafka transaction. Only the fetch runs
     * ahead; every decision and all state stay on the capture thread, and the CRM is never called from two threads
     * at once (the capture thread waits for the fetch before it calls the CRM again, see {@link #settle}).
     */
    private Future<RecordPage> fetchNextPage(RecordPage page) {
        if (page.done() || page.queryLocator() == null) {
            return null;
        }
        String locator = page.queryLocator();
        return PAGE_FETCHER.submit(() -> {
            RecordPage next = crm.more(locator);
            prefetchUserNames(next.records());
            return next;
        });
    }

    private static RecordPage await(Future<RecordPage> page) {
        try {
            return page.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new CrmException(CrmException.CONNECTION, "Reading the next page failed: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the next page", e);
        }
    }

    /** After a failure: let a running fetch end (its result is dropped) so that no CRM call outlives the poll. */
    private static void settle(Future<RecordPage> page) {
        if (page == null) {
            return;
        }
        try {
            page.get();
        } catch (ExecutionException ignored) {
            // the poll fails anyway with the first error
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void prefetchUserNames(List<Map<String, Object>> rows) {
        Set<String> unknown = new HashSet<>();
        for (Map<String, Object> row : rows) {
            Object user = row.get(RecordImages.LAST_MODIFIED_BY_ID);
            if (user instanceof String userId && !userNameCache.containsKey(userId)) {
                unknown.add(userId);
            }
        }
        if (!unknown.isEmpty()) {
            Map<String, String> names = crm.userNames(unknown);
            for (String userId : unknown) {
                // an unknown user is remembered too (as empty): ask once per user
                userNameCache.put(userId, Optional.ofNullable(names.get(userId)));
            }
        }
    }

    private String userName(String userId) {
        Optional<String> name = userNameCache.get(userId);
        return name == null ? null : name.orElse(null);
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
