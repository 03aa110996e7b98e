package dev.planbridge.contracts.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Where a change came from.
 *
 * @param origin   {@code "crm"} for changes made in Salesforce by anyone else, {@link #ORIGIN_SYNC} for writes of
 *                 the sync service's integration user
 * @param pushId   the sync push that made the change, when {@code origin} is {@link #ORIGIN_SYNC} and the push is known
 * @param snapshot true when the event comes from an initial snapshot or a resnapshot rather than incremental capture
 */
public record ChangeSource(
        String orgId,
        Instant systemModstamp,
        String lastModifiedById,
        String lastModifiedByName,
        String origin,
        @JsonInclude(JsonInclude.Include.NON_NULL) String pushId,
        boolean snapshot) {

    public static final String ORIGIN_CRM = "crm";
    public static final String ORIGIN_SYNC = "planbridge-sync";
}
