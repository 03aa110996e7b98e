package dev.planbridge.changefeed.capture;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Display names of the users who modify records ({@code source.lastModifiedByName}), asked for once per user and page.
 * Read by the capture thread, filled by the page fetcher too.
 */
final class UserNameCache {

    private final CrmSource crm;
    private final Map<String, Optional<String>> names = new ConcurrentHashMap<>();

    UserNameCache(CrmSource crm) {
        this.crm = crm;
    }

    /** Asks the org for the names of the page's modifying users not asked for yet (one call for all of them). */
    void prefetch(List<Map<String, Object>> rows) {
        Set<String> unknown = new HashSet<>();
        for (Map<String, Object> row : rows) {
            Object user = row.get(RecordImages.LAST_MODIFIED_BY_ID);
            if (user instanceof String userId && !names.containsKey(userId)) {
                unknown.add(userId);
            }
        }
        if (!unknown.isEmpty()) {
            Map<String, String> found = crm.userNames(unknown);
            for (String userId : unknown) {
                // an unknown user is remembered too (as empty): ask once per user
                names.put(userId, Optional.ofNullable(found.get(userId)));
            }
        }
    }

    /** The user's name, or null when unknown or not prefetched. */
    String nameOf(String userId) {
        Optional<String> name = names.get(userId);
        return name == null ? null : name.orElse(null);
    }
}
