package dev.planbridge.contracts.feed;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One change of one Salesforce record, field by field (topic {@code crm.<object>.changes}, key = record Id).
 * The envelope follows Debezium's: {@code before}/{@code after} images, {@code op}, {@code source},
 * {@code ts_ms}, plus Salesforce's {@code changedFields}.
 *
 * @param eventId       deterministic: the same change (record, modstamp, operation) always gets the same id
 * @param before        the last image the feed had seen (null for creates and snapshot reads)
 * @param after         the new image (null for deletes)
 * @param changedFields the fields whose values differ between before and after
 * @param tsMs          when the feed published the event, epoch milliseconds
 */
public record ChangeEvent(
        int schemaVersion,
        String eventId,
        String id,
        String object,
        Operation op,
        Map<String, Object> before,
        Map<String, Object> after,
        List<String> changedFields,
        ChangeSource source,
        @JsonProperty("ts_ms") long tsMs) {

    public static final int SCHEMA_VERSION = 1;

    /** The deterministic event id of a change: a name-based UUID of object, record id, modstamp and operation. */
    public static String eventIdOf(String object, String recordId, long systemModstampMillis, Operation op) {
        String name = object + '/' + recordId + '/' + systemModstampMillis + '/' + op.code();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
