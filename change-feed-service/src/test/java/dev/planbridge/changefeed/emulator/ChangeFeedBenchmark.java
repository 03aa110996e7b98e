package dev.planbridge.changefeed.emulator;

import dev.planbridge.changefeed.capture.ApiBudget;
import dev.planbridge.changefeed.capture.CaptureEngine;
import dev.planbridge.changefeed.capture.CaptureListener;
import dev.planbridge.changefeed.capture.CaptureSettings;
import dev.planbridge.changefeed.capture.CountingCrmSource;
import dev.planbridge.changefeed.capture.FieldSelection;
import dev.planbridge.changefeed.capture.ObjectSpec;
import dev.planbridge.changefeed.capture.kafka.KafkaCaptureStore;
import dev.planbridge.changefeed.capture.kafka.KafkaFeedTopics;
import dev.planbridge.changefeed.salesforce.WscCrmSource;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.emulator.generate.ActivitySimulator;
import dev.planbridge.testkit.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The change feed's benchmark (not a timed test: it only runs with -Dchangefeed.benchmark=true and asserts
 * nothing). Emulator and broker run in this JVM, the capture goes through WSC over loopback HTTP and commits Kafka
 * transactions. Prints one line per measurement for docs/benchmarks/change-feed.md. Captures every field of the
 * describe (full images) unless {@code -Dchangefeed.benchmark.fields=fixed}; {@code -Dchangefeed.benchmark.rates=100}
 * picks the steady rates of the lag part, {@code -Dchangefeed.benchmark.backlog=N} the catch-up backlog.
 */
@EnabledIfSystemProperty(named = "changefeed.benchmark", matches = "true")
class ChangeFeedBenchmark {

    /** The ten fields captured before issue 17 ({@code -Dchangefeed.benchmark.fields=fixed}), for comparison. */
    private static final ObjectSpec ACCOUNT_FIXED = new ObjectSpec("Account",
            List.of("Name", "OwnerId", "ParentId", "Type", "Industry", "BillingCountry", "BillingState",
                    "BillingPostalCode", "NumberOfEmployees", "AnnualRevenue"), ObjectSpec.Strategy.INCREMENTAL);
    /** The default since issue 17: every field of the org's describe, full images. */
    private static final ObjectSpec ACCOUNT_FULL =
            new ObjectSpec("Account", FieldSelection.everyField(), ObjectSpec.Strategy.INCREMENTAL);

    @Test
    void measure() throws Exception {
        String run = "bench" + Integer.toHexString(new Random().nextInt(0xfffff));
        Map<String, Object> kafka = Map.of("bootstrap.servers", KafkaBroker.bootstrapServers());
        KafkaFeedTopics topics = new KafkaFeedTopics(kafka, run + ".offsets", 3, (short) 1, Duration.ofDays(1),
                run + ".");
        ActivitySimulator simulator = new ActivitySimulator(PrivateOrg.emulator().org());
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        AtomicLong published = new AtomicLong();
        AtomicLong imageFields = new AtomicLong();
        CaptureListener listener = new CaptureListener() {
            @Override
            public void published(String object, List<ChangeEvent> events) {
                long now = System.currentTimeMillis();
                for (ChangeEvent event : events) {
                    published.incrementAndGet();
                    if (event.after() != null) {
                        imageFields.set(event.after().size());
                    }
                    if (!event.source().snapshot()) {
                        lags.add(now - event.source().systemModstamp().toEpochMilli());
                    }
                }
            }
        };
        CountingCrmSource crm = new CountingCrmSource(new WscCrmSource(PrivateOrg.adminWithLargePages()),
                new ApiBudget(10_000_000, Clock.systemUTC()));
        Duration overlap = Duration.ofSeconds(2);
        boolean fixed = "fixed".equals(System.getProperty("changefeed.benchmark.fields"));
        CaptureEngine engine = new CaptureEngine(fixed ? ACCOUNT_FIXED : ACCOUNT_FULL, crm,
                new KafkaCaptureStore("Account", topics, run + "-", kafka, null),
                new CaptureSettings(overlap, Duration.ofDays(15), Duration.ZERO, 2000), null, listener,
                Clock.systemUTC());
        engine.start();
        engine.poll(); // snapshot
        System.out.printf("snapshot: %d accounts, %d fields per image (%s)%n", published.get(), imageFields.get(),
                fixed ? "fixed list of 10" : "every field of the describe");

        System.out.println("load before: " + loadAverage());
        // 1. lag at steady rates, polling every second (first: a burst of writes pushes the emulator's
        // modstamp clock ahead of wall time, which would falsify the lag)
        boolean lagToo = !"throughput".equals(System.getProperty("changefeed.benchmark.parts"));
        int[] rates = java.util.Arrays.stream(System.getProperty("changefeed.benchmark.rates", "100,1000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        for (int rate : lagToo ? rates : new int[0]) {
            lags.clear();
            AtomicBoolean polling = new AtomicBoolean(true);
            long callsAtStart = crm.calls();
            long eventsAtStart = published.get();
            Thread poller = new Thread(() -> {
                while (polling.get()) {
                    engine.poll();
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            simulator.start(rate, 17);
            poller.start();
            Thread.sleep(30_000);
            simulator.stop();
            Thread.sleep(2500);
            polling.set(false);
            poller.join();
            List<Long> sorted = new ArrayList<>(lags);
            Collections.sort(sorted);
            long captured = published.get() - eventsAtStart;
            System.out.printf("rate %d changes/s (all objects; Account captured): %d Account events, lag p50 %d ms, "
                            + "p99 %d ms, max %d ms, %.1f API calls per 10,000 changes; load average %s%n", rate, captured,
                    percentile(sorted, 0.5), percentile(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1),
                    (crm.calls() - callsAtStart) * 10_000.0 / Math.max(1, captured), loadAverage());
        }
        // 2. sustained throughput: a backlog of changes, captured in one catch-up (three rounds, each reported)
        int backlog = Integer.getInteger("changefeed.benchmark.backlog", 60_000);
        for (int round = 1; round <= 3; round++) {
            simulator.runNow(backlog, 3 + round);
            Thread.sleep(overlap.toMillis() + 100);
            long before = published.get();
            long callsBefore = crm.calls();
            String load = loadAverage();
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            engine.poll();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            long events = published.get() - before;
            long calls = crm.calls() - callsBefore;
            // CPU time of the whole JVM (capture, emulator serving the queries, broker): on a shared machine the
            // wall-clock rate depends on what the others do, the CPU cost per change much less.
            System.out.printf("throughput round %d: %d Account changes captured in %.2f s = %.0f changes/s, %d API "
                    + "calls (%.1f per 10,000 changes); %.2f CPU s = %.0f changes per CPU second; load average %s%n",
                    round, events, seconds, events / seconds, calls, calls * 10_000.0 / events, cpuSeconds,
                    events / cpuSeconds, load);
        }

        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .findFirst().orElse("VmRSS: unknown");
        System.out.printf("JVM (capture + emulator + broker in one process) %s; heap used %d MB%n", rss.trim(),
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
