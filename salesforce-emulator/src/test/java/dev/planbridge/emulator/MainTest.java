package dev.planbridge.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--http-port abc|--http-port needs a whole number, got 'abc'",
            "--http-port 70000|--http-port must be between 0 and 65535, got 70000",
            "--users 2|--users must be between 4 and 20000, got 2",
            "--accounts -5|--accounts must be between 0 and 2000000, got -5",
            "--frobnicate 1|unknown option --frobnicate",
            "--seed|option --seed needs a value",
            "stray|unexpected argument 'stray'",
            "--keystore /nonexistent/emulator.p12 --keystore-password x|--keystore /nonexistent/emulator.p12 is not a readable file",
            "--keystore-password x|--keystore-password given without --keystore",
            "--simulate 0|--simulate must be > 0 and <= 10000 changes per second, got 0",
            "--http-port 9000 --https-port 9000|--http-port and --https-port must differ",
            "--seed 1 --seed 2|option --seed given twice"})
    void shouldRejectBadOptionsWithOneMessageAndExitCode2(String args, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Main.run(args.split(" "), new PrintStream(out), new PrintStream(err));

        assertEquals(2, code);
        assertEquals("salesforce-emulator: " + message + " (see --help)" + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldExitWith2AndOneLineNamingFileAndFieldForABadSchemaFile(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("Account.json");
        Files.writeString(file, "{\"name\":\"Account\",\"fields\":[{\"name\":\"Tier\",\"type\":\"picklist\","
                + "\"picklistValues\":[\"A\"]}]}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Main.run(new String[]{"--schema", directory.toString()}, System.out, new PrintStream(err));

        assertEquals(2, code);
        assertEquals("salesforce-emulator: --schema " + file + ": field Tier: a custom field name must end with __c"
                + " (see --help)" + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldPrintUsageForHelp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[]{"--help"}, new PrintStream(out), System.err));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--https-port N"));
    }

    @Test
    void shouldParseDefaultsAndEqualsSyntax() {
        Main.Options defaults = Main.Options.parse(new String[0]);
        assertEquals(8090, defaults.httpPort());
        assertEquals(8443, defaults.httpsPort());
        assertEquals(5_000, defaults.accounts());
        assertEquals(60, defaults.users());
        assertEquals(42, defaults.seed());
        assertNull(defaults.adminToken());

        Main.Options custom = Main.Options.parse(new String[]{"--accounts=100", "--https-port", "-1",
                "--daily-api-limit", "500"});
        assertEquals(100, custom.accounts());
        assertEquals(-1, custom.httpsPort());
        assertEquals(500L, custom.dailyApiLimit());
    }

    @Test
    void shouldStartPrintEndpointsAndCredentialsButNotTheAdminToken() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.Options options = Main.Options.parse(new String[]{"--http-port", "0", "--https-port", "0",
                "--accounts", "300", "--users", "10", "--admin-token", "s3cret-token", "--daily-api-limit", "1234"});

        try (Main.Running running = Main.start(options, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String banner = out.toString(StandardCharsets.UTF_8);
            assertTrue(banner.contains(running.emulator().soapUrl("64.0")), banner);
            assertTrue(banner.contains(running.emulator().httpsSoapUrl("64.0")), banner);
            assertTrue(banner.contains("admin@planbridge.demo / planbridge-demo"));
            assertTrue(banner.contains("sync@planbridge.demo / planbridge-sync"));
            assertTrue(banner.contains("planbridge-demo-client / planbridge-demo-secret"));
            assertTrue(banner.contains(Main.READY_LINE));
            assertFalse(banner.contains("s3cret-token"), "the admin token is never printed");
            assertEquals(300, running.emulator().org().count("Account"));
            assertEquals(1234, running.emulator().limits().dailyAllocation());

            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> counters = client.send(HttpRequest.newBuilder(
                    URI.create(running.emulator().httpBaseUrl() + "/emulator/counters"))
                    .header("Authorization", "Bearer s3cret-token").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, counters.statusCode());
            HttpResponse<String> ready = client.send(HttpRequest.newBuilder(
                    URI.create(running.emulator().httpBaseUrl() + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode());
        }
    }

    @Test
    void shouldStartFromTheSnapshotFileWhenItExistsAndSaveItOnExit(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("org.json.gz");
        String[] args = {"--http-port", "0", "--https-port", "-1", "--accounts", "150", "--users", "6",
                "--snapshot-file", file.toString()};
        String changedId;
        java.util.Map<String, Integer> counts;
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        Main.Running running = Main.start(Main.Options.parse(args), new PrintStream(first, true, StandardCharsets.UTF_8));
        try {
            assertTrue(first.toString(StandardCharsets.UTF_8).contains("(seed 42)"), "no file yet: generated");
            var org = running.emulator().org();
            changedId = org.insert(org.adminUserId(), "Account", java.util.Map.of("Name", "Written Before Exit"));
            counts = org.counts();
        } finally {
            running.closeAndSave(new PrintStream(first, true, StandardCharsets.UTF_8));
        }
        assertTrue(first.toString(StandardCharsets.UTF_8).contains("Org saved to " + file), first.toString());
        assertTrue(Files.size(file) > 0);

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (Main.Running again = Main.start(Main.Options.parse(args),
                new PrintStream(second, true, StandardCharsets.UTF_8))) {
            assertTrue(second.toString(StandardCharsets.UTF_8).contains("(from " + file + ")"), second.toString());
            assertEquals(counts, again.emulator().org().counts());
            assertEquals("Written Before Exit", again.emulator().org().get(changedId).get("Name"));
        }
    }

    @Test
    void shouldRefuseASnapshotFileThatIsADirectory(@TempDir Path directory) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"--snapshot-file", directory.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is a directory"), err.toString());
    }

    @Test
    void shouldFailWithExitCode1WhenThePortIsTaken() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            // Preemptive timeout: were the port free after all, run() would block serving forever.
            int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Main.run(new String[]{"--http-port",
                    String.valueOf(taken.getLocalPort()), "--https-port", "-1", "--accounts", "0"},
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
            assertEquals(1, code);
            String message = err.toString(StandardCharsets.UTF_8);
            assertTrue(message.startsWith("salesforce-emulator: cannot start") && message.contains("in use"),
                    () -> "message was: " + message);
        }
    }
}
