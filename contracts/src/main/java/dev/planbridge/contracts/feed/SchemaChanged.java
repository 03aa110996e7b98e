package dev.planbridge.contracts.feed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The change feed's captured field list of one object changed (topic {@code crm.schema.changes}, key = object API
 * name): a field was added to or removed from the org, or the feed captures an object for the first time (then every
 * captured field is {@code added}). Published in the same Kafka transaction as the capture position that records the
 * new list, so it appears exactly once for read_committed consumers, before any change event whose images follow it.
 *
 * @param eventId    deterministic: a name-based UUID of object, previous and new field set (see {@link #eventIdOf})
 * @param fields     the captured fields from now on, in the order of the images (Id first)
 * @param added      fields the images carry from now on, with their describe
 * @param removed    fields the images no longer carry, with the describe the feed last saw
 * @param detectedAt org time when the feed read the describe that showed the change
 */
public record SchemaChanged(
        int schemaVersion,
        String eventId,
        String object,
        String orgId,
        List<String> fields,
        List<FieldDescribe> added,
        List<FieldDescribe> removed,
        Instant detectedAt) {

    public static final int SCHEMA_VERSION = 1;

    public SchemaChanged {
        fields = List.copyOf(fields);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    /**
     * The same transition of the same object always gets the same id, whichever instance publishes it: object, the
     * sorted field set before and the sorted field set after.
     */
    public static String eventIdOf(String object, List<String> fieldsBefore, List<String> fieldsAfter) {
        String name = object + '/' + String.join(",", new TreeSet<>(fieldsBefore)) + '/'
                + String.join(",", new TreeSet<>(fieldsAfter));
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
