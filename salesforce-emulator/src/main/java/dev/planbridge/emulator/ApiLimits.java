package dev.planbridge.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Org API limits: the daily request allocation (resets at UTC midnight) and the concurrent long-running request
 * limit; both fail requests with REQUEST_LIMIT_EXCEEDED. Thread-safe.
 */
public final class ApiLimits {

    private final Clock clock;
    private volatile long dailyAllocation;
    private volatile int maxConcurrentLong;
    private volatile Duration longThreshold;
    private final AtomicLong used = new AtomicLong();
    private volatile LocalDate day;
    private final ConcurrentHashMap<Long, Long> inFlightStartMillis = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();

    ApiLimits(Clock clock, long dailyAllocation, int maxConcurrentLong, Duration longThreshold) {
        this.clock = clock;
        this.dailyAllocation = dailyAllocation;
        this.maxConcurrentLong = maxConcurrentLong;
        this.longThreshold = longThreshold;
        this.day = today();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * Admits one API request (counting it against the daily allocation) and returns a ticket for {@link #end};
     * throws REQUEST_LIMIT_EXCEEDED when the allocation is used up or too many long requests are running.
     */
    public long begin() {
        LocalDate now = today();
        if (!now.equals(day)) {
            synchronized (this) {
                if (!now.equals(day)) {
                    day = now;
                    used.set(0);
                }
            }
        }
        long nowMillis = clock.millis();
        long longRunning = inFlightStartMillis.values().stream()
                .filter(start -> nowMillis - start >= longThreshold.toMillis()).count();
        if (longRunning >= maxConcurrentLong) {
            throw ApiFaultException.unexpected("REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.");
        }
        if (used.incrementAndGet() > dailyAllocation) {
            used.decrementAndGet();
            throw ApiFaultException.unexpected("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        }
        long ticket = requestIds.incrementAndGet();
        inFlightStartMillis.put(ticket, nowMillis);
        return ticket;
    }

    public void end(long ticket) {
        inFlightStartMillis.remove(ticket);
    }

    public long dailyAllocation() {
        return dailyAllocation;
    }

    public void setDailyAllocation(long allocation) {
        this.dailyAllocation = allocation;
    }

    /** Requests counted today. */
    public long used() {
        return used.get();
    }

    public long remaining() {
        return Math.max(0, dailyAllocation - used.get());
    }

    public void resetUsage() {
        used.set(0);
    }

    public int maxConcurrentLongRequests() {
        return maxConcurrentLong;
    }

    public void setMaxConcurrentLongRequests(int max) {
        this.maxConcurrentLong = max;
    }

    public Duration longRequestThreshold() {
        return longThreshold;
    }

    public void setLongRequestThreshold(Duration threshold) {
        this.longThreshold = threshold;
    }

    /** Requests currently running for at least the long-request threshold. */
    public long concurrentLongRequests() {
        long now = clock.millis();
        return inFlightStartMillis.values().stream().filter(start -> now - start >= longThreshold.toMillis()).count();
    }

    /** Requests currently being processed. */
    public int inFlight() {
        return inFlightStartMillis.size();
    }
}
