package dev.planbridge.planning.it;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop HTTP load generator run by {@link PlanningBenchmark} in its own JVM, so the client does not share the
 * server's JIT, heap and GC (it still shares the machine's cores; it reports its own CPU time so the reader can
 * see how much it took). Plain JDK only ({@code java.net.http}).
 *
 * <p>Usage: {@code java -cp target/test-classes dev.planbridge.planning.it.LoadGenerator <baseUrl> <rate/s>
 * <warmupSeconds> <seconds> <maxInFlight> <path>...}; the bearer token comes from env {@code LOADGEN_TOKEN} (not
 * on the command line, where {@code ps} shows it). First it calls every path 100 times one after another (service
 * time of each endpoint alone), then it offers {@code rate} requests per second round-robin over the paths: a
 * request is due every 1/rate s whether or not earlier ones answered and its latency counts from when it was due,
 * so a stalled server shows up as latency instead of being hidden by sending less. At most {@code maxInFlight}
 * requests (connections) are open at once; a request that finds them all busy waits, and that wait counts.
 * Prints lines starting with {@code RESULT}; the last one is the measured run.
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    public static void main(String[] args) {
        try {
            generate(args);
            System.exit(0);
        } catch (Exception | Error e) {
            // exit instead of leaving the HTTP client's threads alive and the benchmark waiting for our output to end
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }

    private static void generate(String[] args) throws Exception {
        if (args.length < 6) {
            throw new IllegalArgumentException("usage: LoadGenerator baseUrl rate warmupSeconds seconds maxInFlight path...");
        }
        String base = args[0];
        int rate = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int maxInFlight = Integer.parseInt(args[4]);
        List<String> paths = Arrays.asList(args).subList(5, args.length);
        String token = System.getenv("LOADGEN_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("set LOADGEN_TOKEN to a bearer token");
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "loadgen-http");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
        sequential(client, base, token, paths);
        run(client, base, token, paths, rate, warmup, maxInFlight, "warm-up");
        run(client, base, token, paths, rate, seconds, maxInFlight, "measured");
        executor.shutdownNow();
    }

    private static HttpRequest request(String base, String token, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build();
    }

    /** Each endpoint alone, 100 calls one after another: its service time without queueing. */
    private static void sequential(HttpClient client, String base, String token, List<String> paths) throws Exception {
        for (String path : paths) {
            double[] latencies = new double[100];
            for (int i = 0; i < latencies.length; i++) {
                long start = System.nanoTime();
                HttpResponse<Void> response = client.send(request(base, token, path), HttpResponse.BodyHandlers.discarding());
                latencies[i] = (System.nanoTime() - start) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + response.statusCode());
                }
            }
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "RESULT sequential path=%s p50=%.1f p99=%.1f max=%.1f%n", path,
                    percentile(latencies, 50), percentile(latencies, 99), latencies[latencies.length - 1]);
        }
    }

    private static void run(HttpClient client, String base, String token, List<String> paths, int rate, int seconds,
                            int maxInFlight, String phase) throws Exception {
        int total = rate * seconds;
        double[] latencies = new double[total];
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        Semaphore inFlight = new Semaphore(maxInFlight);
        List<HttpRequest> requests = new ArrayList<>();
        paths.forEach(p -> requests.add(request(base, token, p)));
        long cpuBefore = cpuNanos();
        long start = System.nanoTime() + 20_000_000L;
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquire();
            int index = i;
            client.sendAsync(requests.get(i % requests.size()), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        latencies[index] = (System.nanoTime() - due) / 1e6;
                        if (error != null || response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                        inFlight.release();
                        done.countDown();
                    });
        }
        if (!done.await(3, TimeUnit.MINUTES)) {
            throw new IllegalStateException(done.getCount() + " requests did not finish");
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (cpuNanos() - cpuBefore) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "RESULT %s offered=%d requests=%d seconds=%.2f achieved=%.1f failed=%d p50=%.1f "
                        + "p99=%.1f max=%.1f generatorCpuSeconds=%.2f%n", phase, rate, total, elapsed, total / elapsed,
                failures.get(), percentile(latencies, 50), percentile(latencies, 99), latencies[total - 1], cpuSeconds);
    }

    static double percentile(double[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
