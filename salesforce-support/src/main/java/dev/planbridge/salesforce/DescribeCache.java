package dev.planbridge.salesforce;

import com.sforce.soap.partner.DescribeSObjectResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Describe results by object name, reused for a while: a describe is an API call the org counts, and the shape of an
 * object rarely changes while a service runs. {@link #forget} drops one when a caller learns it is stale.
 */
final class DescribeCache {

    private record Entry(DescribeSObjectResult result, Instant fetchedAt) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    DescribeCache(Duration ttl, Clock clock) {
        if (ttl == null || ttl.isNegative()) {
            throw new IllegalArgumentException("salesforce.describe-cache-ttl must be zero or more, got " + ttl);
        }
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The cached result while it is younger than the TTL, else null. */
    DescribeSObjectResult get(String object) {
        Entry entry = entries.get(object);
        if (entry == null || !clock.instant().isBefore(entry.fetchedAt().plus(ttl))) {
            return null;
        }
        return entry.result();
    }

    void put(String object, DescribeSObjectResult result) {
        entries.put(object, new Entry(result, clock.instant()));
    }

    void forget(String object) {
        entries.remove(object);
    }
}
