package dev.planbridge.planning.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PlanVersionCacheTest {

    private final PlanVersionCache<Long> cache = new PlanVersionCache<>();
    private final AtomicInteger computed = new AtomicInteger();
    private final UUID plan = UUID.randomUUID();

    private Long compute(long value) {
        computed.incrementAndGet();
        return value;
    }

    @Test
    void sameVersionIsComputedOnce() {
        assertEquals(10L, cache.get(plan, 3, () -> compute(10)));
        assertEquals(10L, cache.get(plan, 3, () -> compute(99)));
        assertEquals(1, computed.get());
    }

    @Test
    void anotherVersionIsRecomputed() {
        cache.get(plan, 3, () -> compute(10));
        assertEquals(11L, cache.get(plan, 4, () -> compute(11)));
        assertEquals(2, computed.get());
    }

    @Test
    void aReaderOfAnOlderVersionGetsItsOwnValueAndDoesNotReplaceTheNewer() {
        cache.get(plan, 5, () -> compute(50));
        assertEquals(40L, cache.get(plan, 4, () -> compute(40)));
        assertEquals(50L, cache.get(plan, 5, () -> compute(-1)));
        assertEquals(2, computed.get());
    }

    @Test
    void plansAreIndependentAndEvictionForgets() {
        UUID other = UUID.randomUUID();
        cache.get(plan, 1, () -> compute(1));
        assertEquals(2L, cache.get(other, 1, () -> compute(2)));
        cache.evict(plan);
        assertEquals(3L, cache.get(plan, 1, () -> compute(3)));
        assertEquals(3, computed.get());
    }
}
