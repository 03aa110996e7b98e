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

        // 100k overrides by CSV import vs psql \copy of the same file
        StringBuilder overrides = new StringBuilder("accountId,territoryKey,reason\n");
        for (int i = 0; i < ACCOUNTS; i++) {
            overrides.append(accountId(i)).append(",T").append(random.nextInt(LEAVES)).append(",bulk move\n");
        }
        byte[] csv = overrides.toString().getBytes(StandardCharsets.UTF_8);
        t0 = System.nanoTime();
        etag = given().auth().oauth2(planner).header("If-Match", etag).contentType("text/csv").body(csv)
                .post(base + "/imports/overrides").then().statusCode(200).extract().header("ETag");
        double importMs = (System.nanoTime() - t0) / 1e6;
        line("CSV import of " + ACCOUNTS + " override rows (validate, COPY, upsert, one transaction)", fmt(importMs));
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
        t0 = System.nanoTime();
        Process process = psql.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int exit = process.waitFor();
        double copyMs = (System.nanoTime() - t0) / 1e6;
        line("psql \\copy of the same rows into a plain table (exit " + exit + ": " + out + ")", fmt(copyMs));
        line("import / psql \\copy", String.format("%.1fx", importMs / copyMs));

        t0 = System.nanoTime();
        given().auth().oauth2(planner).get(base + "/reports/balancer").then().statusCode(200);
        line("balancer after the bulk import (state rebuilt)", ms(t0));

        t0 = System.nanoTime();
        String stream = given().auth().oauth2(TestTokens.forUser("sync", "service")).get(base + "/desired-state")
                .then().statusCode(200).extract().asString();
        long lines = stream.chars().filter(ch -> ch == '\n').count();
        line("desired-state stream (" + lines + " NDJSON lines, " + stream.length() / 1024 + " KiB; checksum pass + write pass)", ms(t0));

        Path target = Path.of("target", "planning-benchmark.md");
        Files.writeString(target, report.toString());
        System.out.println("PLANNING BENCHMARK\n" + report);
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

    private void line(String what, String value) {
        report.append("| ").append(what).append(" | ").append(value).append(" |\n");
        System.out.println("BENCH | " + what + " | " + value + " |");
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
