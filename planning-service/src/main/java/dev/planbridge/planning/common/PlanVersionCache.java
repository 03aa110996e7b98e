package dev.planbridge.planning.common;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One derived value per plan (a count, a compiled rule set), valid for exactly one plan version: every edit bumps
 * the version, so a value computed for an older version is recomputed on the next read and a reader never sees a
 * value of another version. Works across replicas because the version comes from the database on each read.
 * Holds one entry per plan (the latest version asked for).
 */
public final class PlanVersionCache<T> {

    private record Entry<T>(long version, T value) {
    }

    private final Map<UUID, Entry<T>> entries = new ConcurrentHashMap<>();

    public T get(UUID planId, long version, Supplier<T> compute) {
        Entry<T> entry = entries.get(planId);
        if (entry != null && entry.version() == version) {
            return entry.value();
        }
        T value = compute.get();
        entries.merge(planId, new Entry<>(version, value), (old, fresh) -> old.version() > fresh.version() ? old : fresh);
        return value;
    }

    public void evict(UUID planId) {
        entries.remove(planId);
    }
}
