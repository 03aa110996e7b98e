package dev.planbridge.changefeed.runtime;

import dev.planbridge.changefeed.capture.CaptureListener;
import dev.planbridge.contracts.feed.ChangeEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Metrics and status of the capture: per object the lag (now - SystemModstamp of the last published change), the
 * capture lag distribution (publish time - SystemModstamp), events by operation, snapshot progress and state.
 */
@ApplicationScoped
public class CaptureMetrics implements CaptureListener {

    private final MeterRegistry registry;
    private final Map<String, CaptureStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastStampMillis = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> snapshotRows = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> published = new ConcurrentHashMap<>();

    public CaptureMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void register(String object) {
        AtomicLong stamp = lastStampMillis.computeIfAbsent(object, o -> new AtomicLong());
        Gauge.builder("changefeed.lag.seconds", stamp,
                        s -> s.get() == 0 ? 0 : (System.currentTimeMillis() - s.get()) / 1000.0)
                .description("now - SystemModstamp of the last published change").tag("object", object)
                .register(registry);
        Gauge.builder("changefeed.snapshot.rows", snapshotRows.computeIfAbsent(object, o -> new AtomicLong()),
                AtomicLong::get).description("records read by the running or last snapshot").tag("object", object)
                .register(registry);
        Gauge.builder("changefeed.capture.healthy", statuses,
                        s -> s.containsKey(object) && s.get(object).state().unhealthy() ? 0 : 1)
                .description("0 while the capture of the object is failing").tag("object", object).register(registry);
        published.computeIfAbsent(object, o -> new AtomicLong());
        state(object, CaptureStatus.State.STARTING, null);
    }

    @Override
    public void published(String object, List<ChangeEvent> events) {
        long now = System.currentTimeMillis();
        DistributionSummary lag = DistributionSummary.builder("changefeed.capture.lag")
                .description("publish time - SystemModstamp of each change").baseUnit("milliseconds")
                .publishPercentiles(0.5, 0.99).tag("object", object).register(registry);
        long newest = 0;
        for (ChangeEvent event : events) {
            Counter.builder("changefeed.events").tag("object", object).tag("op", event.op().code())
                    .register(registry).increment();
            if (event.source().systemModstamp() != null && !event.source().snapshot()) {
                long stamp = event.source().systemModstamp().toEpochMilli();
                lag.record(Math.max(0, now - stamp));
                newest = Math.max(newest, stamp);
            }
        }
        if (newest > 0) {
            lastStampMillis.computeIfAbsent(object, o -> new AtomicLong()).accumulateAndGet(newest, Math::max);
        }
        published.computeIfAbsent(object, o -> new AtomicLong()).addAndGet(events.size());
    }

    @Override
    public void snapshotProgress(String object, long rowsRead, boolean done) {
        snapshotRows.computeIfAbsent(object, o -> new AtomicLong()).set(rowsRead);
        CaptureStatus current = statuses.get(object);
        if (current != null) {
            statuses.put(object, new CaptureStatus(object, current.state(), current.detail(), current.since(),
                    current.published(), rowsRead, done));
        }
    }

    void state(String object, CaptureStatus.State state, String detail) {
        statuses.compute(object, (o, current) -> {
            long count = published.getOrDefault(object, new AtomicLong()).get();
            long rows = snapshotRows.getOrDefault(object, new AtomicLong()).get();
            boolean done = current != null && current.snapshotDone();
            Instant since = current != null && current.state() == state ? current.since() : Instant.now();
            return new CaptureStatus(object, state, detail, since, count, rows, done);
        });
    }

    public List<CaptureStatus> statuses() {
        return statuses.values().stream().map(s -> new CaptureStatus(s.object(), s.state(), s.detail(), s.since(),
                        published.getOrDefault(s.object(), new AtomicLong()).get(), s.snapshotRows(), s.snapshotDone()))
                .sorted(Comparator.comparing(CaptureStatus::object)).toList();
    }
}
