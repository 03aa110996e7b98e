package dev.planbridge.planning.it;

import static io.restassured.RestAssured.given;

import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Benchmark, not a test (excluded from the build): 100k accounts, 500 territories. Measures the balancer after one
 * edit, a 100k-row CSV import against psql \copy of the same rows, and the desired-state stream. Results are
 * printed and written to target/planning-benchmark.md. Run with {@code -D%test.planning.imports.max-bytes=60000000}
 * (the test profile caps uploads at 2 MB to test the 413).
 */
@QuarkusTest
@Tag("benchmark")
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
class PlanningBenchmark {

    static final int ACCOUNTS = Integer.getInteger("bench.accounts", 100_000);
    static final int IN_FLIGHT = 32;
    static final int LEAVES = 480;
    static final int REGIONS = 19;
    static final String[] COUNTRIES = {"US", "CA", "GB", "DE", "FR", "JP", "AU", "BR", "IN", "NL"};

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;
    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    final StringBuilder report = new StringBuilder();

    @Test
    void benchmark() throws Exception {
        String planner = TestTokens.planner();
        Random random = new Random(42);
        seedMirror(random);

        long t0 = System.nanoTime();
        Response created = given().auth().oauth2(planner).contentType(ContentType.JSON)
                .body(Map.of("name", "FY27 bench", "fiscalYearStart", "2026-02-01")).post("/api/v1/plans");
        created.then().statusCode(201);
        line("create plan with a 100k-account baseline snapshot", ms(t0));
        String id = created.path("id");
        String base = "/api/v1/plans/" + id;
        String etag = created.header("ETag");

        etag = importCsv(planner, base, etag, "territory-types", "key,label,priority\nGeo,Geography,1\n");
        StringBuilder territories = new StringBuilder("key,name,typeKey,parentKey\nWORLD,World,Geo,\n");
        StringBuilder rules = new StringBuilder("name,position,territoryKey,countries,states\n");
        StringBuilder people = new StringBuilder("territoryKey,userId,role,startDate\n");
        for (int r = 0; r < REGIONS; r++) {
            territories.append("R").append(r).append(",Region ").append(r).append(",Geo,WORLD\n");
        }
        for (int leaf = 0; leaf < LEAVES; leaf++) {
            territories.append("T").append(leaf).append(",Territory ").append(leaf).append(",Geo,R").append(leaf % REGIONS).append('\n');
            rules.append("rule ").append(leaf).append(',').append(leaf).append(",T").append(leaf).append(',')
                    .append(COUNTRIES[leaf % COUNTRIES.length]).append(",S").append(leaf / COUNTRIES.length).append('\n');
            people.append('T').append(leaf).append(",005BENCH").append(leaf).append(",Owner,2026-02-01\n");
        }
        etag = importCsv(planner, base, etag, "territories", territories.toString());
        etag = importCsv(planner, base, etag, "rules", rules.toString());
        etag = importCsv(planner, base, etag, "user-assignments", people.toString());

        t0 = System.nanoTime();
        given().auth().oauth2(planner).get(base + "/reports/balancer").then().statusCode(200);
        line("balancer, first call (builds the in-memory state of 100k accounts)", ms(t0));

        List<Double> afterEdit = new ArrayList<>();
        List<Double> editAndReport = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String account = accountId(random.nextInt(ACCOUNTS));
            long start = System.nanoTime();
            etag = given().auth().oauth2(planner).header("If-Match", etag).contentType(ContentType.JSON)
                    .body(Map.of("territoryKey", "T" + random.nextInt(LEAVES), "reason", "bench"))
                    .put(base + "/overrides/" + account).then().statusCode(200).extract().header("ETag");
            long edited = System.nanoTime();
            given().auth().oauth2(planner).get(base + "/reports/balancer").then().statusCode(200);
            long done = System.nanoTime();
            afterEdit.add((done - edited) / 1e6);
            editAndReport.add((done - start) / 1e6);
        }
        line("balancer after one edit (override), 200 runs: p50 / p99", pct(afterEdit, 50) + " / " + pct(afterEdit, 99));
        line("edit + balancer round trip: p50 / p99", pct(editAndReport, 50) + " / " + pct(editAndReport, 99));

        // 100k overrides by CSV import vs psql \copy of the same file. The first import runs on a cold JIT; the
        // second moves every account again (warm); the third sends the second file again (idempotent: no row changes).
        byte[] csv = overridesCsv(random, "bulk move");
        byte[] csv2 = overridesCsv(random, "bulk move again");
        double[] imports = new double[3];
        byte[][] files = {csv, csv2, csv2};
        String[] what = {"first, cold JIT", "second file, every row changed", "second file again, nothing changes"};
        for (int i = 0; i < files.length; i++) {
            t0 = System.nanoTime();
            etag = given().auth().oauth2(planner).header("If-Match", etag).contentType("text/csv").body(files[i])
                    .post(base + "/imports/overrides").then().statusCode(200).extract().header("ETag");
            imports[i] = (System.nanoTime() - t0) / 1e6;
            line("CSV import of " + ACCOUNTS + " override rows, " + what[i] + " (validate, COPY, merge, one transaction)",
                    fmt(imports[i]));
        }
        List<Double> copies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            copies.add(psqlCopy(csv));
        }
        double copyMs = median(copies);
        line("psql \\copy of the same rows into a plain table, median of 3", fmt(copyMs) + " (" + copies.stream()
                .map(PlanningBenchmark::fmt).toList() + ")");
        line("import / psql \\copy (cold / warm / no-op)", String.format("%.1fx / %.1fx / %.1fx", imports[0] / copyMs,
                imports[1] / copyMs, imports[2] / copyMs));

        t0 = System.nanoTime();
        given().auth().oauth2(planner).get(base + "/reports/balancer").then().statusCode(200);
        line("balancer after the bulk import (state updated by the import, no rebuild)", ms(t0));

        restLoad(base, planner);

        t0 = System.nanoTime();
        String stream = given().auth().oauth2(TestTokens.forUser("sync", "service")).get(base + "/desired-state")
                .then().statusCode(200).extract().asString();
        long lines = stream.chars().filter(ch -> ch == '\n').count();
        line("desired-state stream (" + lines + " NDJSON lines, " + stream.length() / 1024 + " KiB; checksum pass + write pass)", ms(t0));

        Path target = Path.of("target", "planning-benchmark.md");
        Files.writeString(target, report.toString());
        System.out.println("PLANNING BENCHMARK\n" + report);
    }

    private static byte[] overridesCsv(Random random, String reason) {
        StringBuilder overrides = new StringBuilder("accountId,territoryKey,reason\n");
        for (int i = 0; i < ACCOUNTS; i++) {
            overrides.append(accountId(i)).append(",T").append(random.nextInt(LEAVES)).append(',').append(reason).append('\n');
        }
        return overrides.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code psql \\copy} of the file into a fresh plain table: the yardstick of the import. */
    private double psqlCopy(byte[] csv) throws Exception {
        Path file = Files.createTempFile("overrides", ".csv");
        Files.write(file, csv);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_copy");
            s.execute("CREATE TABLE bench_copy (account_id text, territory_key text, reason text)");
        }
        String url = jdbcUrl.substring("jdbc:postgresql://".length());
        String hostPort = url.substring(0, url.indexOf('/'));
        String db = url.substring(url.indexOf('/') + 1).replaceAll("\\?.*", "");
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
        String port = hostPort.contains(":") ? hostPort.substring(hostPort.indexOf(':') + 1) : "5432";
        ProcessBuilder psql = new ProcessBuilder("/usr/bin/psql", "-h", host, "-p", port, "-U", dbUser, "-d", db, "-c",
                "\\copy bench_copy FROM '" + file + "' WITH (FORMAT csv, HEADER true)").redirectErrorStream(true);
        psql.environment().put("PGPASSWORD", dbPassword);
        long t0 = System.nanoTime();
        Process process = psql.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int exit = process.waitFor();
        double copyMs = (System.nanoTime() - t0) / 1e6;
        if (exit != 0 || !out.contains("COPY " + ACCOUNTS)) {
            throw new IllegalStateException("psql \\copy failed: " + out);
        }
        Files.delete(file);
        return copyMs;
    }

    /**
     * Common reads at a fixed arrival rate (open loop: a request is due every 2 ms whether or not the previous ones
     * answered, and its latency counts from when it was due, so a stall is not hidden by sending less).
     */
    private void restLoad(String base, String token) throws Exception {
        int rate = Integer.getInteger("bench.rest.rate", 500);
        int seconds = Integer.getInteger("bench.rest.seconds", 20);
        String root = "http://localhost:" + io.restassured.RestAssured.port;
        List<String> paths = List.of(base, base + "/territories?page=0&size=50", base + "/overrides?page=3&size=50",
                base + "/accounts/" + accountId(4242) + "/assignment", base + "/quotas?page=0&size=50",
                "/api/v1/plans?page=0&size=20", "/api/v1/crm/accounts/" + accountId(77));
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .executor(java.util.concurrent.Executors.newFixedThreadPool(8)).build();
        for (int phase = 0; phase < 2; phase++) {
            int total = phase == 0 ? rate * 5 : rate * seconds; // 5 s warm-up, then the measured run
            double[] latencies = new double[total];
            int[] failures = new int[1];
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(total);
            java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(IN_FLIGHT);
            long start = System.nanoTime() + 50_000_000L;
            long intervalNanos = 1_000_000_000L / rate;
            for (int i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                // at most IN_FLIGHT requests (and connections) at once: a request that finds them all busy waits,
                // and that wait counts in its latency because latency is measured from when it was due
                inFlight.acquire();
                int index = i;
                java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(root + paths.get(i % paths.size()))).header("Authorization", "Bearer " + token)
                        .timeout(java.time.Duration.ofSeconds(30)).GET().build();
                client.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                    latencies[index] = (System.nanoTime() - due) / 1e6;
                    if (e != null || r.statusCode() != 200) {
                        synchronized (failures) {
                            failures[0]++;
                        }
                    }
                    inFlight.release();
                    done.countDown();
                });
            }
            if (!done.await(2, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new IllegalStateException(done.getCount() + " requests did not finish");
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (phase == 1) {
                List<Double> sorted = new ArrayList<>();
                for (double l : latencies) {
                    sorted.add(l);
                }
                line("REST common reads at " + rate + " req/s for " + seconds + " s (" + total + " requests over "
                        + paths.size() + " endpoints, at most " + IN_FLIGHT + " in flight, " + failures[0] + " failed, achieved "
                        + String.format("%.0f", total / elapsed) + " req/s): p50 / p99 / max",
                        pct(sorted, 50) + " / " + pct(sorted, 99) + " / " + fmt(Collections.max(sorted)));
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private void seedMirror(Random random) throws Exception {
        StringBuilder accounts = new StringBuilder();
        StringBuilder users = new StringBuilder();
        StringBuilder opportunities = new StringBuilder();
        for (int u = 0; u < LEAVES; u++) {
            users.append("005BENCH").append(u).append(",User ").append(u).append(",u").append(u)
                    .append("@bench.example,true,2026-01-01 00:00:00+00\n");
        }
        for (int i = 0; i < ACCOUNTS; i++) {
            int leaf = random.nextInt(LEAVES);
            accounts.append(accountId(i)).append(",Account ").append(i).append(",005BENCH").append(random.nextInt(LEAVES))
                    .append(',').append(COUNTRIES[leaf % COUNTRIES.length]).append(",S").append(leaf / COUNTRIES.length)
                    .append(',').append(10000 + random.nextInt(89999)).append(",Industry").append(random.nextInt(20))
                    .append(',').append(random.nextInt(50000)).append(',').append(random.nextInt(1_000_000_000))
                    .append(",Seg").append(random.nextInt(3)).append(",,2026-01-01 00:00:00+00\n");
            if (i % 3 == 0) {
                opportunities.append("006BENCH").append(i).append(',').append(accountId(i)).append(",005BENCH1,")
                        .append(random.nextInt(1_000_000)).append(",Prospecting,false,2026-01-01 00:00:00+00\n");
            }
        }
        try (Connection c = dataSource.getConnection()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY crm_user (id, name, username, is_active, system_modstamp) FROM STDIN WITH (FORMAT csv)",
                    new StringReader(users.toString()));
            copy.copyIn("COPY crm_account (id, name, owner_id, billing_country, billing_state, billing_postal_code, "
                    + "industry, employees, annual_revenue, segment, parent_id, system_modstamp) FROM STDIN WITH (FORMAT csv)",
                    new StringReader(accounts.toString()));
            copy.copyIn("COPY crm_opportunity (id, account_id, owner_id, amount, stage_name, is_closed, system_modstamp) "
                    + "FROM STDIN WITH (FORMAT csv)", new StringReader(opportunities.toString()));
        }
    }

    private static String importCsv(String token, String base, String etag, String kind, String body) {
        return given().auth().oauth2(token).header("If-Match", etag).contentType("text/csv")
                .body(body.getBytes(StandardCharsets.UTF_8)).post(base + "/imports/" + kind).then().statusCode(200)
                .extract().header("ETag");
    }

    private static String accountId(int i) {
        return String.format("001BENCH%08d", i);
    }

    /** One result row with the 1-minute load average when it was taken (the machine is shared). */
    private void line(String what, String value) {
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            load = "?";
        }
        report.append("| ").append(what).append(" | ").append(value).append(" | ").append(load).append(" |\n");
        System.out.println("BENCH | " + what + " | " + value + " | load " + load + " |");
        try {
            // written as it goes, so a run that dies half-way still leaves its figures
            Files.writeString(Path.of("target", "planning-benchmark.md"), report.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String ms(long startNanos) {
        return fmt((System.nanoTime() - startNanos) / 1e6);
    }

    private static String fmt(double millis) {
        return String.format("%.0f ms", millis);
    }

    private static String pct(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return fmt(sorted.get(Math.max(0, index)));
    }
}
