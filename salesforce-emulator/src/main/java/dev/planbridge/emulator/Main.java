package dev.planbridge.emulator;

import dev.planbridge.emulator.admin.AdminApi;
import dev.planbridge.emulator.generate.OrgGenerator;
import dev.planbridge.emulator.org.OrgSchema;
import dev.planbridge.emulator.org.OrgSnapshotFile;
import dev.planbridge.emulator.org.SchemaDefinitionException;
import dev.planbridge.emulator.org.SchemaDirectory;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone:
 * <pre>
 * java -jar salesforce-emulator/target/salesforce-emulator.jar --http-port 8090 --https-port 8443 \
 *      --accounts 5000 --users 60 --seed 42
 * </pre>
 * Prints the endpoints and the credentials to use, then "Salesforce emulator ready"; stops cleanly on SIGTERM/Ctrl-C.
 * Bad options print one message and exit with code 2.
 */
public final class Main {

    static final String READY_LINE = "Salesforce emulator ready";
    static final int EXIT_USAGE = 2;
    static final int EXIT_START_FAILED = 1;

    static final String USAGE = """
            Usage: java -jar salesforce-emulator.jar [options]

              --http-port N            http port (default 8090; 0 = any free port)
              --https-port N           https port (default 8443; 0 = any free port; -1 = no https)
              --bind ADDRESS           interface to listen on (default 127.0.0.1; 0.0.0.0 in a container)
              --accounts N             accounts of the generated org (default 5000; 0 = only the default users)
              --users N                sales users of the generated org (default 60, at least 4)
              --seed N                 generator seed (default 42); same seed, same org, ids included
              --keystore FILE          PKCS12 keystore with the https key (default: a self-signed certificate
                                       for localhost and 127.0.0.1 is generated at start)
              --keystore-password P    password of the keystore
              --admin-token T          bearer token of the /emulator/ admin API (default: env EMULATOR_ADMIN_TOKEN,
                                       else "emulator-admin")
              --daily-api-limit N      API requests allowed per day before REQUEST_LIMIT_EXCEEDED (default 1000000)
              --simulate RATE          start the activity simulator at RATE changes per second
              --schema DIR             customize the org's shape: one <Object>.json describe document per object
                                       (custom fields of standard objects, custom objects Xyz__c)
              --snapshot-file FILE     keep the org in FILE: load it at start when it exists (instead of
                                       generating one), save it on exit and on POST /emulator/org/save
                                       (JSON; gzip when FILE ends in .gz)
              --help                   show this help
            """;

    private Main() {
    }

    /** Parsed command line. */
    record Options(int httpPort, int httpsPort, String bind, int accounts, int users, long seed, Path keystore,
                   String keystorePassword, String adminToken, Long dailyApiLimit, Double simulateRate,
                   Path snapshotFile, OrgSchema schema, boolean help) {

        static Options parse(String[] args) {
            int httpPort = 8090;
            int httpsPort = 8443;
            String bind = "127.0.0.1";
            int accounts = 5_000;
            int users = 60;
            long seed = 42;
            Path keystore = null;
            String keystorePassword = null;
            String adminToken = null;
            Long dailyApiLimit = null;
            Double simulateRate = null;
            Path snapshotFile = null;
            OrgSchema schema = null;
            boolean help = false;
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                if (name.equals("--help") || name.equals("-h")) {
                    help = true;
                    continue;
                }
                if (!name.startsWith("--")) {
                    throw new UsageException("unexpected argument '" + arg + "'");
                }
                if (seen.contains(name)) {
                    throw new UsageException("option " + name + " given twice");
                }
                seen.add(name);
                if (value == null) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new UsageException("option " + name + " needs a value");
                    }
                    value = args[++i];
                }
                switch (name) {
                    case "--http-port" -> httpPort = port(name, value, false);
                    case "--https-port" -> httpsPort = port(name, value, true);
                    case "--bind" -> bind = value;
                    case "--accounts" -> accounts = (int) number(name, value, 0, OrgGenerator.MAX_ACCOUNTS);
                    case "--users" -> users = (int) number(name, value, OrgGenerator.MIN_USERS, OrgGenerator.MAX_USERS);
                    case "--seed" -> seed = number(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                    case "--keystore" -> keystore = Path.of(value);
                    case "--keystore-password" -> keystorePassword = value;
                    case "--admin-token" -> {
                        if (value.isBlank()) {
                            throw new UsageException("--admin-token must not be blank");
                        }
                        adminToken = value;
                    }
                    case "--daily-api-limit" -> dailyApiLimit = number(name, value, 0, Long.MAX_VALUE);
                    case "--simulate" -> simulateRate = rate(value);
                    case "--snapshot-file" -> snapshotFile = snapshotFile(value);
                    case "--schema" -> schema = schema(value);
                    default -> throw new UsageException("unknown option " + name);
                }
            }
            if (keystore != null && !Files.isReadable(keystore)) {
                throw new UsageException("--keystore " + keystore + " is not a readable file");
            }
            if (keystore != null && keystorePassword == null) {
                throw new UsageException("--keystore needs --keystore-password");
            }
            if (keystore == null && keystorePassword != null) {
                throw new UsageException("--keystore-password given without --keystore");
            }
            if (keystore != null && httpsPort < 0) {
                throw new UsageException("--keystore given but https is off (--https-port -1)");
            }
            if (httpPort != 0 && httpPort == httpsPort) {
                throw new UsageException("--http-port and --https-port must differ");
            }
            return new Options(httpPort, httpsPort, bind, accounts, users, seed, keystore, keystorePassword,
                    adminToken, dailyApiLimit, simulateRate, snapshotFile, schema, help);
        }

        private static Path snapshotFile(String value) {
            if (value.isBlank()) {
                throw new UsageException("--snapshot-file needs a file name");
            }
            Path file = Path.of(value).toAbsolutePath();
            if (Files.isDirectory(file)) {
                throw new UsageException("--snapshot-file " + value + " is a directory");
            }
            if (Files.exists(file) && !Files.isReadable(file)) {
                throw new UsageException("--snapshot-file " + value + " is not readable");
            }
            Path directory = file.getParent();
            if (directory != null && Files.exists(directory) && !Files.isWritable(directory)) {
                throw new UsageException("--snapshot-file " + value + ": cannot write to " + directory);
            }
            return file;
        }

        /** Loads and validates the folder's describe documents; a broken rule is one line naming file and field. */
        private static OrgSchema schema(String value) {
            try {
                return SchemaDirectory.load(Path.of(value));
            } catch (SchemaDefinitionException e) {
                throw new UsageException("--schema " + e.getMessage());
            }
        }

        /** True when the org comes from the snapshot file rather than the generator. */
        boolean loadsSnapshot() {
            return snapshotFile != null && Files.exists(snapshotFile);
        }

        private static int port(String name, String value, boolean allowOff) {
            return (int) number(name, value, allowOff ? -1 : 0, 65_535);
        }

        private static long number(String name, String value, long min, long max) {
            long parsed;
            try {
                parsed = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new UsageException(name + " needs a whole number, got '" + value + "'");
            }
            if (parsed < min || parsed > max) {
                throw new UsageException(name + " must be between " + min + " and " + max + ", got " + parsed);
            }
            return parsed;
        }

        private static double rate(String value) {
            double parsed;
            try {
                parsed = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--simulate needs a number of changes per second, got '" + value + "'");
            }
            if (!(parsed > 0) || parsed > 10_000) {
                throw new UsageException("--simulate must be > 0 and <= 10000 changes per second, got " + value);
            }
            return parsed;
        }
    }

    /** A bad command line. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** A started emulator with its admin API. */
    record Running(SalesforceEmulator emulator, AdminApi admin) implements AutoCloseable {
        @Override
        public void close() {
            admin.close();
            emulator.close();
        }

        /** Stops serving, then saves the org to the snapshot file (if any), so no write is lost. */
        void closeAndSave(PrintStream out) {
            close();
            if (admin.snapshotFile() != null) {
                try {
                    admin.saveSnapshotFile();
                    out.println("Org saved to " + admin.snapshotFile());
                } catch (RuntimeException e) {
                    out.println("Could not save the org to " + admin.snapshotFile() + ": " + e.getMessage());
                }
            }
        }
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Parses, starts and then blocks until the JVM shuts down; returns an exit code on failure or --help. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            err.println("salesforce-emulator: " + e.getMessage() + " (see --help)");
            return EXIT_USAGE;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }
        Running running;
        try {
            running = start(options, out);
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            err.println("salesforce-emulator: " + (message.startsWith("cannot start") ? message
                    : "cannot start: " + message));
            return EXIT_START_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.closeAndSave(out);
            out.println("Salesforce emulator stopped");
            out.flush();
            stopped.countDown();
        }, "emulator-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Starts the emulator and the admin API, generates the org and prints endpoints, credentials and readiness. */
    static Running start(Options options, PrintStream out) {
        long started = System.nanoTime();
        EmulatorConfig.Builder config = EmulatorConfig.defaults().toBuilder()
                .bindAddress(options.bind())
                .httpPort(options.httpPort())
                .httpsPort(options.httpsPort());
        if (options.keystore() != null) {
            config.keystore(options.keystore(), options.keystorePassword());
        }
        if (options.dailyApiLimit() != null) {
            config.dailyApiAllocation(options.dailyApiLimit());
        }
        if (options.schema() != null) {
            config.schema(options.schema());
        }
        EmulatorConfig settings = config.build();
        // Generate the org while the server starts (certificate, ports), then swap it in.
        boolean fromFile = options.loadsSnapshot();
        CompletableFuture<OrgGenerator.Detached> generated = options.accounts() == 0 || fromFile ? null
                : CompletableFuture.supplyAsync(() -> OrgGenerator.generateDetached(settings.orgId(), settings.users(),
                OrgGenerator.Options.of(options.accounts(), options.users(), options.seed()), settings.schema()));
        SalesforceEmulator emulator;
        try {
            emulator = SalesforceEmulator.start(settings);
        } catch (RuntimeException e) {
            if (generated != null) {
                generated.cancel(true);
            }
            throw e;
        }
        AdminApi admin;
        try {
            admin = AdminApi.install(emulator, AdminApi.resolveToken(options.adminToken()));
            admin.setReady(false);
            admin.setSnapshotFile(options.snapshotFile());
            if (fromFile) {
                OrgSnapshotFile.load(emulator.org(), options.snapshotFile());
            } else if (generated != null) {
                emulator.org().restore(generated.join().snapshot());
            }
            if (options.simulateRate() != null) {
                admin.simulator().start(options.simulateRate(), options.seed());
            }
        } catch (RuntimeException e) {
            emulator.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        admin.setReady(true);
        printBanner(out, emulator, options);
        out.printf("%s in %d ms%n", READY_LINE, (System.nanoTime() - started) / 1_000_000);
        out.flush();
        return new Running(emulator, admin);
    }

    private static void printBanner(PrintStream out, SalesforceEmulator emulator, Options options) {
        Map<String, Integer> counts = emulator.org().counts();
        out.println("Salesforce emulator (Planbridge) — SOAP Partner API, org " + emulator.org().orgId());
        out.println("  SOAP login (http):   " + emulator.soapUrl("64.0"));
        if (emulator.httpsBaseUrl() != null) {
            out.println("  SOAP login (https):  " + emulator.httpsSoapUrl("64.0"));
            out.println("  Certificate (PEM):   " + emulator.httpBaseUrl() + "/emulator/certificate (admin token)");
        }
        out.println("  OAuth token:         " + emulator.oauthTokenUrl() + " (API 65.0+: OAuth only)");
        out.println("  Admin API:           " + emulator.httpBaseUrl() + "/emulator/ (Authorization: Bearer <admin token>)");
        out.println("  Health and metrics:  " + emulator.httpBaseUrl() + "/q/health/ready, " + emulator.httpBaseUrl()
                + "/q/metrics");
        String origin = options.loadsSnapshot() ? "from " + options.snapshotFile() : "seed " + options.seed();
        out.printf("  Org:                 %d accounts, %d opportunities, %d users, %d territories (%s)%n",
                counts.get("Account"), counts.get("Opportunity"), counts.get("User"), counts.get("Territory2"),
                origin);
        if (options.snapshotFile() != null) {
            out.println("  Snapshot file:       " + options.snapshotFile() + " (saved on exit and on POST /emulator/org/save)");
        }
        out.println("  Admin user:          " + EmulatorConfig.ADMIN_USERNAME + " / " + EmulatorConfig.ADMIN_PASSWORD);
        out.println("  Sync user:           " + EmulatorConfig.SYNC_USERNAME + " / " + EmulatorConfig.SYNC_PASSWORD);
        out.println("  OAuth client:        " + EmulatorConfig.DEMO_CLIENT_ID + " / " + EmulatorConfig.DEMO_CLIENT_SECRET);
        if (options.accounts() > 0 || options.loadsSnapshot()) {
            out.println("  Generated users:     <username> / " + OrgGenerator.GENERATED_USER_PASSWORD);
        }
        // Only the documented default is echoed; a token from the command line or the environment stays unprinted.
        String tokenSource = options.adminToken() != null ? "from --admin-token (not shown)"
                : System.getenv(AdminApi.TOKEN_ENV) != null && !System.getenv(AdminApi.TOKEN_ENV).isBlank()
                ? "from env " + AdminApi.TOKEN_ENV + " (not shown)" : AdminApi.DEFAULT_TOKEN + " (default)";
        out.println("  Admin token:         " + tokenSource);
        if (options.simulateRate() != null) {
            out.println("  Activity simulator:  " + options.simulateRate() + " changes/s");
        }
    }
}
