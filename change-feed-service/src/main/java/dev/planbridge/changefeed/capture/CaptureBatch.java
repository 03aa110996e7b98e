package dev.planbridge.changefeed.capture;

import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.SchemaChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one commit publishes for one object: events, state-store changes (null image = tombstone),
 * deleted-record markers (null = removed, after an undelete), the new position and, when the captured field list
 * changed, the schema change that announces it (committed with the position that records the new list).
 */
public final class CaptureBatch {

    private final String object;
    private final List<ChangeEvent> events = new ArrayList<>();
    private final Map<String, Map<String, Object>> images = new LinkedHashMap<>();
    private final Map<String, Instant> deletedMarkers = new LinkedHashMap<>();
    private CapturePosition position;
    private SchemaChanged schemaChange;

    public CaptureBatch(String object) {
        this.object = object;
    }

    void add(ChangeEvent event, Map<String, Object> newImage, Instant deletedMarker) {
        events.add(event);
        images.put(event.id(), newImage);
        deletedMarkers.put(event.id(), deletedMarker);
    }

    void position(CapturePosition newPosition) {
        this.position = newPosition;
    }

    void schemaChange(SchemaChanged change) {
        this.schemaChange = change;
    }

    /** The schema change this commit publishes, or null. */
    public SchemaChanged schemaChange() {
        return schemaChange;
    }

    public String object() {
        return object;
    }

    public List<ChangeEvent> events() {
        return events;
    }

    /** Record id to its new image; a null value deletes the record from the state store. */
    public Map<String, Map<String, Object>> images() {
        return images;
    }

    /** Record id to its delete stamp; a null value removes the marker. */
    public Map<String, Instant> deletedMarkers() {
        return deletedMarkers;
    }

    public CapturePosition position() {
        return position;
    }

    /** True when the batch publishes nothing (no change event, no schema change). */
    public boolean isEmpty() {
        return events.isEmpty() && schemaChange == null;
    }

    /** Pending view for decisions inside the same batch (a record may appear twice within one page window). */
    Map<String, Object> pendingImage(String id) {
        return images.get(id);
    }

    boolean touches(String id) {
        return images.containsKey(id);
    }

    Instant pendingMarker(String id) {
        return deletedMarkers.get(id);
    }
}
