package dev.planbridge.changefeed.capture;

import dev.planbridge.changefeed.capture.CrmSource.ObjectDescription;
import dev.planbridge.contracts.feed.FieldDescribe;
import dev.planbridge.contracts.feed.SchemaChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fields one object's capture selects, as the object's {@link FieldSelection} picks them from the org's latest
 * describe, and the {@link SchemaChanged} that announces a difference to the list last committed. Plain state, no I/O:
 * the engine reads the describe and commits the change.
 */
final class CapturedSchema {

    /** Always selected first when the object has them: every image carries them, whatever the selection. */
    private static final List<String> SYSTEM_FIELDS = List.of(RecordImages.ID, RecordImages.SYSTEM_MODSTAMP,
            RecordImages.LAST_MODIFIED_BY_ID);
    /** Selected by the engine for queryAll only, never part of an image. */
    private static final Set<String> NOT_IN_IMAGES = Set.of(RecordImages.IS_DELETED);

    private final ObjectSpec spec;
    private final String orgId;
    private final Duration describeInterval;
    private List<FieldDescribe> captured;
    private boolean hasIsDeleted;
    private Instant describedAt;

    private CapturedSchema(ObjectSpec spec, String orgId, Duration describeInterval) {
        this.spec = spec;
        this.orgId = orgId;
        this.describeInterval = describeInterval;
    }

    /**
     * The schema at start. A field of a fixed list that the org lacks is a configuration error ({@link CrmException}
     * INVALID_FIELD naming it) unless the feed captured it before: then the org removed it, and capture goes on
     * without it.
     *
     * @param committed the captured fields of the committed position (null: none recorded)
     */
    static CapturedSchema start(ObjectSpec spec, String orgId, ObjectDescription description,
            List<FieldDescribe> committed, Duration describeInterval, Instant now) {
        Set<String> capturedBefore = committed == null ? Set.of() : names(committed).stream().collect(Collectors.toSet());
        List<String> missing = spec.fields().missingFrom(description.fields()).stream()
                .filter(field -> !capturedBefore.contains(field)).toList();
        if (!missing.isEmpty()) {
            throw new CrmException(CrmException.INVALID_FIELD, "Configured field(s) " + String.join(", ", missing)
                    + " do not exist on " + spec.name() + " in org " + orgId);
        }
        if (spec.strategy() == ObjectSpec.Strategy.INCREMENTAL && !description.hasField(RecordImages.SYSTEM_MODSTAMP)) {
            throw new CrmException(CrmException.INVALID_FIELD, spec.name()
                    + " has no SystemModstamp: capture it with strategy SNAPSHOT_DIFF");
        }
        CapturedSchema schema = new CapturedSchema(spec, orgId, describeInterval);
        schema.follow(description, now);
        return schema;
    }

    /** Takes a fresh describe: the captured list becomes what the selection picks from it. */
    void follow(ObjectDescription description, Instant now) {
        Map<String, FieldDescribe> byName = new LinkedHashMap<>();
        description.fields().forEach(field -> byName.put(field.name(), field));
        List<FieldDescribe> fields = new ArrayList<>();
        for (String system : SYSTEM_FIELDS) {
            if (byName.containsKey(system)) {
                fields.add(byName.get(system));
            }
        }
        for (String name : spec.fields().choose(description.fields())) {
            if (!SYSTEM_FIELDS.contains(name) && !NOT_IN_IMAGES.contains(name)) {
                fields.add(byName.getOrDefault(name, relationshipPath(name)));
            }
        }
        captured = List.copyOf(fields);
        hasIsDeleted = byName.containsKey(RecordImages.IS_DELETED);
        describedAt = now;
    }

    boolean describeDue(Instant now) {
        return Duration.between(describedAt, now).compareTo(describeInterval) >= 0;
    }

    /** The fields to select (images carry exactly these), Id first. */
    List<String> queryFields() {
        return names(captured);
    }

    List<FieldDescribe> captured() {
        return captured;
    }

    boolean hasIsDeleted() {
        return hasIsDeleted;
    }

    /**
     * The announcement of the difference between the committed list and the current one, or null when the field sets
     * are the same (a different order or describe of a kept field is no schema change).
     */
    SchemaChanged changeFrom(List<FieldDescribe> committed, Instant detectedAt) {
        List<FieldDescribe> before = committed == null ? List.of() : committed;
        List<String> beforeNames = names(before);
        List<String> nowNames = names(captured);
        if (committed != null && Set.copyOf(beforeNames).equals(Set.copyOf(nowNames))) {
            return null;
        }
        List<FieldDescribe> added = captured.stream().filter(f -> !beforeNames.contains(f.name())).toList();
        List<FieldDescribe> removed = before.stream().filter(f -> !nowNames.contains(f.name())).toList();
        return new SchemaChanged(SchemaChanged.SCHEMA_VERSION,
                SchemaChanged.eventIdOf(spec.name(), beforeNames, nowNames), spec.name(), orgId, nowNames, added,
                removed, detectedAt);
    }

    /** A fixed list may name a parent's field ({@code Owner.Name}): the describe of the object does not list it. */
    private static FieldDescribe relationshipPath(String path) {
        return new FieldDescribe(path, path, "path", "xsd:anyType", 0, 0, 0, true, false, List.of());
    }

    private static List<String> names(List<FieldDescribe> fields) {
        return fields.stream().map(FieldDescribe::name).toList();
    }
}
