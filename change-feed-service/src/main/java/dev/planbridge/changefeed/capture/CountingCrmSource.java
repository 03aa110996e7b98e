package dev.planbridge.changefeed.capture;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counts every API call against the {@link ApiBudget} (and for metrics) before delegating. */
public final class CountingCrmSource implements CrmSource {

    private final CrmSource delegate;
    private final ApiBudget budget;
    private final AtomicLong calls = new AtomicLong();

    public CountingCrmSource(CrmSource delegate, ApiBudget budget) {
        this.delegate = delegate;
        this.budget = budget;
    }

    /** Calls made through this source since it was created. */
    public long calls() {
        return calls.get();
    }

    private void count() {
        calls.incrementAndGet();
        budget.record(1);
    }

    @Override
    public CrmSession login() {
        count();
        return delegate.login();
    }

    @Override
    public ObjectDescription describe(String object) {
        count();
        return delegate.describe(object);
    }

    @Override
    public RecordPage changedSince(String object, List<String> fields, Instant from, boolean includeDeleted) {
        count();
        return delegate.changedSince(object, fields, from, includeDeleted);
    }

    @Override
    public RecordPage readAll(String object, List<String> fields) {
        count();
        return delegate.readAll(object, fields);
    }

    @Override
    public RecordPage more(String queryLocator) {
        count();
        return delegate.more(queryLocator);
    }

    @Override
    public List<DeletedRecord> deletedBetween(String object, Instant start, Instant end) {
        count();
        return delegate.deletedBetween(object, start, end);
    }

    @Override
    public Instant serverTime() {
        count();
        return delegate.serverTime();
    }

    @Override
    public Map<String, String> userNames(Collection<String> userIds) {
        count();
        return delegate.userNames(userIds);
    }

    @Override
    public String userIdByUsername(String username) {
        count();
        return delegate.userIdByUsername(username);
    }
}
