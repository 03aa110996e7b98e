package dev.planbridge.changefeed.capture;

import dev.planbridge.contracts.feed.FieldDescribe;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The change feed's view of a Salesforce org (the port; {@code salesforce.WscCrmSource} speaks WSC behind it).
 * Records are maps of field name to a JSON-friendly value (String, Boolean, Number or null); date-times are ISO-8601
 * instants. Every method may throw {@link CrmException}.
 */
public interface CrmSource {

    /** Authenticates (or re-authenticates) and tells which org and user the session belongs to. */
    CrmSession login();

    /** The object's fields as the org describes them; {@link CrmException} with code INVALID_TYPE when unknown. */
    ObjectDescription describe(String object);

    /**
     * Records whose {@code SystemModstamp >= from}, ordered by SystemModstamp then Id. With {@code includeDeleted}
     * (queryAll) deleted rows come too, carrying {@code IsDeleted = true}.
     */
    RecordPage changedSince(String object, List<String> fields, Instant from, boolean includeDeleted);

    /** Every live record of the object (a full scan for snapshots and snapshot diffs), ordered by Id. */
    RecordPage readAll(String object, List<String> fields);

    /** The next page of a query; {@link CrmException} INVALID_QUERY_LOCATOR when the locator expired. */
    RecordPage more(String queryLocator);

    /** Records deleted in [start, end) as getDeleted reports them (15-day window). */
    List<DeletedRecord> deletedBetween(String object, Instant start, Instant end);

    /** The org's clock: watermarks are always taken from it, never from the local clock. */
    Instant serverTime();

    /** Display names of users, for {@code source.lastModifiedByName}; unknown ids are left out. */
    Map<String, String> userNames(Collection<String> userIds);

    /** The Id of the user with this username, or null when there is none. */
    String userIdByUsername(String username);

    /** One page of query results. */
    record RecordPage(List<Map<String, Object>> records, String queryLocator, boolean done) {
    }

    /** One row of getDeleted. */
    record DeletedRecord(String id, Instant deletedDate) {
    }

    /** Who the feed is logged in as. */
    record CrmSession(String orgId, String userId, String username) {
    }

    /** The fields of an object as the org describes them, in describe order. */
    record ObjectDescription(String name, List<FieldDescribe> fields) {

        public ObjectDescription {
            fields = List.copyOf(fields);
        }

        /** From names and SOAP types only, e.g. {@code xsd:string} (the field type is the SOAP type's local name). */
        public ObjectDescription(String name, Map<String, String> fieldTypes) {
            this(name, fieldTypes.entrySet().stream()
                    .map(entry -> new FieldDescribe(entry.getKey(), entry.getKey(),
                            entry.getValue().substring(entry.getValue().indexOf(':') + 1).toLowerCase(Locale.ROOT),
                            entry.getValue(), 0, 0, 0, true, entry.getKey().endsWith("__c"), List.of()))
                    .toList());
        }

        /** Field name to SOAP type, e.g. {@code xsd:string}. */
        public Map<String, String> fieldTypes() {
            Map<String, String> types = new LinkedHashMap<>();
            fields.forEach(field -> types.put(field.name(), field.soapType()));
            return types;
        }

        public boolean hasField(String field) {
            return fields.stream().anyMatch(f -> f.name().equals(field));
        }
    }
}
