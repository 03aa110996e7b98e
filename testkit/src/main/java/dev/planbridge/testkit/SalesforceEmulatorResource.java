package dev.planbridge.testkit;

import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.generate.OrgGenerator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.time.LocalDate;
import java.util.Map;

/**
 * Points a Quarkus application at one shared in-process Salesforce emulator per JVM (http SOAP endpoint at API 64.0),
 * seeded with a small deterministic org (200 accounts, 12 users, seed 42). The application logs in as the integration
 * user {@code sync@planbridge.demo}; the OAuth client {@code planbridge-demo-client} runs as the same user.
 *
 * <p>Sets {@code salesforce.login-url}, {@code salesforce.username}, {@code salesforce.password},
 * {@code salesforce.client-id}, {@code salesforce.client-secret} and {@code salesforce.api-version}. Tests reach the
 * emulator (org data, fault rules, counters, limits, sessions) with {@link #emulator()}; the org is shared by every
 * test in the JVM, so tests should create their own records or take a snapshot and restore it.
 */
public class SalesforceEmulatorResource implements QuarkusTestResourceLifecycleManager {

    /** Accounts and users of the seeded org. */
    public static final int SEED_ACCOUNTS = 200;
    public static final int SEED_USERS = 12;
    public static final long SEED = 42;
    /** Fixed "today" of the seeded org, so generated periods and close dates do not depend on the build date. */
    public static final LocalDate SEED_REFERENCE_DATE = LocalDate.of(2026, 11, 1);

    private static SalesforceEmulator emulator;

    /** The shared emulator, started on first use. */
    public static synchronized SalesforceEmulator emulator() {
        if (emulator == null) {
            // Services under test speak http; skipping https saves generating a certificate at every test JVM start.
            SalesforceEmulator started = SalesforceEmulator.start(EmulatorConfig.defaults().toBuilder().httpsPort(-1).build());
            OrgGenerator.generate(started.org(),
                    new OrgGenerator.Options(SEED_ACCOUNTS, SEED_USERS, SEED, SEED_REFERENCE_DATE));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "salesforce-emulator-stop"));
            emulator = started;
        }
        return emulator;
    }

    @Override
    public Map<String, String> start() {
        SalesforceEmulator running = emulator();
        return Map.of(
                "salesforce.login-url", running.soapUrl("64.0"),
                "salesforce.username", EmulatorConfig.SYNC_USERNAME,
                "salesforce.password", EmulatorConfig.SYNC_PASSWORD,
                "salesforce.client-id", EmulatorConfig.DEMO_CLIENT_ID,
                "salesforce.client-secret", EmulatorConfig.DEMO_CLIENT_SECRET,
                "salesforce.api-version", "64.0");
    }

    @Override
    public void stop() {
        // shared by every boot in this JVM; stopped by a shutdown hook
    }
}
