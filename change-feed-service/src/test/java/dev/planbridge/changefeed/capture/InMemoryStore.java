package dev.planbridge.changefeed.capture;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.SchemaChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An atomic store like the Kafka one: a commit becomes visible whole or not at all. Images go through JSON, as they
 * do through the state topic, so type round trips are exercised.
 */
final class InMemoryStore implements CaptureStore {

    final List<ChangeEvent> published = new ArrayList<>();
    final List<SchemaChanged> schemaChanges = new ArrayList<>();
    private final Map<String, String> images = new HashMap<>();
    private final Map<String, Instant> markers = new HashMap<>();
    private CapturePosition position;
    int commits;
    /** Called before a commit applies: may throw to simulate a crash before the transaction commits. */
    Supplier<RuntimeException> beforeCommit = () -> null;

    @Override
    public Restored open() {
        Map<String, Map<String, Object>> restored = new HashMap<>();
        images.forEach((id, json) -> restored.put(id, ContractsJson.read(json, Map.class)));
        return new Restored(restored, new HashMap<>(markers), position);
    }

    @Override
    public void commit(CaptureBatch batch) {
        RuntimeException crash = beforeCommit.get();
        if (crash != null) {
            throw crash;
        }
        // events go through JSON like on the wire
        batch.events().forEach(e -> published.add(ContractsJson.read(ContractsJson.write(e), ChangeEvent.class)));
        if (batch.schemaChange() != null) {
            schemaChanges.add(ContractsJson.read(ContractsJson.write(batch.schemaChange()), SchemaChanged.class));
        }
        batch.images().forEach((id, image) -> {
            if (image == null) {
                images.remove(id);
            } else {
                images.put(id, ContractsJson.write(image));
            }
        });
        batch.deletedMarkers().forEach((id, marker) -> {
            if (marker == null) {
                markers.remove(id);
            } else {
                markers.put(id, marker);
            }
        });
        position = batch.position();
        commits++;
    }

    CapturePosition position() {
        return position;
    }

    @Override
    public void close() {
    }
}
