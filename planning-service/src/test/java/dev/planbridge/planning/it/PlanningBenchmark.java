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
        StringBuilder rules = new StringBuilder("name,position,territoryKey,field,operation,value,booleanFilter\n");
        StringBuilder people = new StringBuilder("territoryKey,userId,role,startDate\n");
        for (int r = 0; r < REGIONS; r++) {
            territories.append("R").append(r).append(",Region ").append(r).append(",Geo,WORLD\n");
        }
        for (int leaf = 0; leaf < LEAVES; leaf++) {
            territories.append("T").append(leaf).append(",Territory ").append(leaf).append(",Geo,R").append(leaf % REGIONS).append('\n');
            String rule = "rule " + leaf + ',' + leaf + ",T" + leaf + ',';
            rules.append(rule).append("BillingCountry,equals,").append(COUNTRIES[leaf % COUNTRIES.length]).append(",\n")
                    .append(rule).append("BillingState,equals,S").append(leaf / COUNTRIES.length).append(",\n");
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
        long[] gcBefore = gcCountAndMillis();
        List<String> slowRuns = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long[] gcAtStart = gcCountAndMillis();
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
            long[] gcAtEnd = gcCountAndMillis();
            // the tail: whether a collection ran during each round trip and how long it took
            slowRuns.add(String.format("%05.0f ms (edit %.0f, GC %d x %d ms)", (done - start) / 1e6, (edited - start) / 1e6,
                    gcAtEnd[0] - gcAtStart[0], gcAtEnd[1] - gcAtStart[1]));
        }
        long[] gcAfter = gcCountAndMillis();
        slowRuns.sort(Collections.reverseOrder());
        line("GC during the 200 edit + balancer runs (collections / total pause); the 5 slowest round trips",
                (gcAfter[0] - gcBefore[0]) + " / " + (gcAfter[1] - gcBefore[1]) + " ms; "
                        + slowRuns.subList(0, 5).stream().map(r -> r.replaceFirst("^0+", "")).toList());
        line("balancer after one edit (override), 200 runs: p50 / p99", pct(afterEdit, 50) + " / " + pct(afterEdit, 99));
        line("edit + balancer round trip: p50 / p99", pct(editAndReport, 50) + " / " + pct(editAndReport, 99));

        // 100k overrides by CSV import vs psql \copy of the same file. First, on a cold JIT, the first overrides file
        // of a new plan (the straight COPY into account_override); then the same file into the edited plan, which has
        // overrides already (COPY into a stage, checks, merge) — or the other way round; then three rounds of a file
        // that moves every account again (warm, every row changed) and the same file once more (idempotent: no row
        // changes); medians of three.
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        byte[] csv = overridesCsv(random, "bulk move");
        Response fresh = given().auth().oauth2(planner).contentType(ContentType.JSON)
                .body(Map.of("name", "FY27 bench import", "fiscalYearStart", "2026-02-01")).post("/api/v1/plans");
        fresh.then().statusCode(201);
        String freshBase = "/api/v1/plans/" + fresh.path("id");
        currentEtag = importCsv(planner, freshBase, fresh.header("ETag"), "territory-types", "key,label,priority\nGeo,Geography,1\n");
        currentEtag = importCsv(planner, freshBase, currentEtag, "territories", territories.toString());
        String newPlanEtag = currentEtag;
        // -Dbench.mergeFirst=true: the merge into the edited plan takes the cold JIT instead
        boolean mergeFirst = Boolean.getBoolean("bench.mergeFirst");
        double cold = 0;
        String coldGc = null;
        if (!mergeFirst) {
            cold = importOverrides(http, freshBase, planner, csv);
            coldGc = lastImportGc;
        }
        currentEtag = etag;
        double staged = importOverrides(http, base, planner, csv);
        String stagedGc = lastImportGc;
        etag = currentEtag;
        if (mergeFirst) {
            currentEtag = newPlanEtag;
            cold = importOverrides(http, freshBase, planner, csv);
            coldGc = lastImportGc;
            currentEtag = etag;
        }
        String coldJit = ", cold JIT";
        line("CSV import of " + ACCOUNTS + " override rows, a new plan's first" + (mergeFirst ? "" : coldJit)
                + " (validate, COPY into the table, check references, one transaction)", fmt(cold) + " (" + coldGc + ")");
        line("CSV import of the same rows into the edited plan" + (mergeFirst ? coldJit : "")
                + " (200 overrides already: COPY into a stage, check, merge)", fmt(staged) + " (" + stagedGc + ")");
        List<Double> changed = new ArrayList<>();
        List<Double> unchanged = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            byte[] again = overridesCsv(random, "bulk move " + round);
            changed.add(importOverrides(http, base, planner, again));
            unchanged.add(importOverrides(http, base, planner, again));
        }
        etag = currentEtag;
        line("CSV import of " + ACCOUNTS + " override rows, every row changed, median of 3", fmt(median(changed))
                + " (" + changed.stream().map(PlanningBenchmark::fmt).toList() + ")");
        line("CSV import of " + ACCOUNTS + " override rows, the same file again (nothing changes), median of 3",
                fmt(median(unchanged)) + " (" + unchanged.stream().map(PlanningBenchmark::fmt).toList() + ")");
        List<Double> plainCopies = new ArrayList<>();
        List<Double> keyedCopies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            plainCopies.add(psqlCopy(csv, false));
            keyedCopies.add(psqlCopy(csv, true));
        }
        double plainMs = median(plainCopies);
        double keyedMs = median(keyedCopies);
        line("psql \\copy of the same rows into a plain table (no key), median of 3", fmt(plainMs) + " ("
                + plainCopies.stream().map(PlanningBenchmark::fmt).toList() + ")");
        line("psql \\copy of the same rows into an empty table shaped like account_override (its primary key and"
                + " fillfactor), median of 3", fmt(keyedMs) + " (" + keyedCopies.stream().map(PlanningBenchmark::fmt).toList() + ")");
        line("import / psql \\copy into the plain table (a new plan's first file / merge into the edited plan"
                + " / every row changed / nothing changes)",
                String.format("%.1fx / %.1fx / %.1fx / %.1fx", cold / plainMs, staged / plainMs, median(changed) / plainMs,
                        median(unchanged) / plainMs));
        line("import / psql \\copy into the keyed table (a new plan's first file / merge into the edited plan"
                + " / every row changed / nothing changes)",
                String.format("%.1fx / %.1fx / %.1fx / %.1fx", cold / keyedMs, staged / keyedMs, median(changed) / keyedMs,
                        median(unchanged) / keyedMs));

        t0 = System.nanoTime();
        given().auth().oauth2(planner).get(base + "/reports/balancer").then().statusCode(200);
        line("balancer after the bulk import (state updated by the import, no rebuild)", ms(t0));

        // Three runs: at 500 req/s the two cores are saturated (server, generator and PostgreSQL), so one run's p99
        // says as much about what else the machine did in those 20 s as about the service.
        for (int run = 1; run <= 3; run++) {
            restLoad(base, planner, run);
        }

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

    /** Garbage collection while the last import ran (client and server share this JVM). */
    private String lastImportGc;

    /** The plan's ETag as the last import left it. */
    private String currentEtag;

    /** One import through java.net.http; returns its wall time in ms and keeps the plan's new ETag. */
    private double importOverrides(java.net.http.HttpClient http, String base, String planner, byte[] file)
            throws Exception {
        // java.net.http, not REST Assured: REST Assured spent ~1.5 s of its own on a 3.5 MB body (measured
        // against the server's log of the same request), which is the client, not the import
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + io.restassured.RestAssured.port + base + "/imports/overrides"))
                .header("Authorization", "Bearer " + planner).header("If-Match", currentEtag)
                .header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(file)).build();
        long[] gcBefore = gcCountAndMillis();
        long t0 = System.nanoTime();
        java.net.http.HttpResponse<String> response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        double took = (System.nanoTime() - t0) / 1e6;
        long[] gcAfter = gcCountAndMillis();
        lastImportGc = "GC during it: " + (gcAfter[0] - gcBefore[0]) + " collections, " + (gcAfter[1] - gcBefore[1]) + " ms";
        if (response.statusCode() != 200) {
            throw new IllegalStateException("import answered " + response.statusCode() + ": " + response.body());
        }
        currentEtag = response.headers().firstValue("ETag").orElseThrow();
        return took;
    }

    /**
     * {@code psql \\copy} of the file into a fresh table: the yardstick of the import. Plain: three text columns, no
     * key. Keyed: the shape the import writes into (one plan id, the primary key, fillfactor 50), as a raw load of the same
     * rows into such a table costs.
     */
    private double psqlCopy(byte[] csv, boolean keyed) throws Exception {
        Path file = Files.createTempFile("overrides", ".csv");
        Files.write(file, csv);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_copy");
            s.execute(keyed
                    ? "CREATE TABLE bench_copy (plan_id uuid NOT NULL DEFAULT '" + java.util.UUID.randomUUID() + "', account_id text NOT NULL,"
                            + " territory_key text NOT NULL, reason text NOT NULL, PRIMARY KEY (plan_id, account_id))"
                            + " WITH (fillfactor = 50)"
                    : "CREATE TABLE bench_copy (account_id text, territory_key text, reason text)");
        }
        String url = jdbcUrl.substring("jdbc:postgresql://".length());
        String hostPort = url.substring(0, url.indexOf('/'));
        String db = url.substring(url.indexOf('/') + 1).replaceAll("\\?.*", "");
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
        String port = hostPort.contains(":") ? hostPort.substring(hostPort.indexOf(':') + 1) : "5432";
        ProcessBuilder psql = new ProcessBuilder("/usr/bin/psql", "-h", host, "-p", port, "-U", dbUser, "-d", db, "-c",
                "\\copy bench_copy (account_id, territory_key, reason) FROM '" + file
                        + "' WITH (FORMAT csv, HEADER true)").redirectErrorStream(true);
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
     * Common reads at a fixed arrival rate, offered by {@link LoadGenerator} in a separate JVM (so the client does
     * not share this JVM's heap, GC and JIT with the server). Reports the generator's results, and the CPU used by
     * this JVM (the server), the generator and the whole machine (PostgreSQL is most of the rest) during the run.
     */
    private void restLoad(String base, String token, int run) throws Exception {
        int rate = Integer.getInteger("bench.rest.rate", 500);
        int seconds = Integer.getInteger("bench.rest.seconds", 20);
        String root = "http://localhost:" + io.restassured.RestAssured.port;
        List<String> paths = List.of(base, base + "/territories?page=0&size=50", base + "/overrides?page=3&size=50",
                base + "/accounts/" + accountId(4242) + "/assignment", base + "/quotas?page=0&size=50",
                "/api/v1/plans?page=0&size=20", "/api/v1/crm/accounts/" + accountId(77));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                Path.of("target", "test-classes").toString(), LoadGenerator.class.getName(), root,
                String.valueOf(rate), "5", String.valueOf(seconds), String.valueOf(IN_FLIGHT)));
        command.addAll(paths);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LOADGEN_TOKEN", token);
        // -Dbench.jfr=true records where the server's CPU goes during the load (target/rest-load.jfr)
        jdk.jfr.Recording recording = null;
        if (Boolean.getBoolean("bench.jfr")) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
        }
        Process generator = builder.start();
        List<String> results = new ArrayList<>();
        long[] cpuAtMeasuredStart = new long[2];
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(generator.getInputStream(),
                StandardCharsets.UTF_8))) {
            String outputLine;
            while ((outputLine = out.readLine()) != null) {
                System.out.println("loadgen: " + outputLine);
                if (outputLine.startsWith("RESULT")) {
                    results.add(outputLine);
                }
                if (outputLine.startsWith("RESULT warm-up")) {
                    cpuAtMeasuredStart[0] = processCpuNanos();
                    cpuAtMeasuredStart[1] = System.nanoTime();
                    machineCpu(true);
                }
            }
        }
        if (generator.waitFor() != 0 || results.isEmpty() || !results.get(results.size() - 1).startsWith("RESULT measured")) {
            throw new IllegalStateException("the load generator failed: " + results);
        }
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of("target", "rest-load.jfr"));
            recording.close();
        }
        double wall = (System.nanoTime() - cpuAtMeasuredStart[1]) / 1e9;
        double serverCpu = (processCpuNanos() - cpuAtMeasuredStart[0]) / 1e9;
        double machineBusy = machineCpu(false);
        for (String result : results) {
            if (result.startsWith("RESULT sequential") && run == 1) {
                Map<String, String> r = fields(result);
                line("service time alone, 100 sequential calls of " + r.get("path") + ": p50 / p99",
                        r.get("p50") + " / " + r.get("p99") + " ms");
            }
        }
        Map<String, String> r = fields(results.get(results.size() - 1));
        double generatorCpu = Double.parseDouble(r.get("generatorCpuSeconds"));
        line("run " + run + ": REST common reads offered at " + rate + " req/s for " + seconds + " s by a separate-JVM open-loop generator ("
                + r.get("requests") + " requests over " + paths.size() + " endpoints, at most " + IN_FLIGHT
                + " in flight): achieved " + r.get("achieved") + " req/s, " + r.get("failed") + " failed; p50 / p99 / max",
                r.get("p50") + " / " + r.get("p99") + " / " + r.get("max") + " ms");
        line("run " + run + ": CPU during that run, in cores (2 available): server JVM / generator JVM / whole machine",
                String.format("%.2f / %.2f / %.2f", serverCpu / wall, generatorCpu / wall, machineBusy));
    }

    /** Collections and their accumulated time (ms) of this JVM's garbage collectors so far. */
    private static long[] gcCountAndMillis() {
        long count = 0;
        long millis = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static Map<String, String> fields(String result) {
        Map<String, String> values = new java.util.HashMap<>();
        for (String part : result.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                values.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return values;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private long[] machineCpuStart;

    /** Busy cores of the whole machine since the last call with {@code start} (from /proc/stat). */
    private double machineCpu(boolean start) throws java.io.IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        long total = 0;
        for (int i = 1; i < Math.min(cpu.length, 9); i++) {
            total += Long.parseLong(cpu[i]);
        }
        if (start) {
            machineCpuStart = new long[] {idle, total};
            return 0;
        }
        double busyShare = 1.0 - (double) (idle - machineCpuStart[0]) / (total - machineCpuStart[1]);
        return busyShare * Runtime.getRuntime().availableProcessors();
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
