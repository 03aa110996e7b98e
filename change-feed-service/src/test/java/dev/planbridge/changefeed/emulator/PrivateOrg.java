package dev.planbridge.changefeed.emulator;

import dev.planbridge.changefeed.salesforce.SalesforceConfig;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.generate.OrgGenerator;
import java.time.LocalDate;
import java.util.Optional;

/**
 * An emulator of its own for the plain-JUnit capture tests, so that their fault rules and activity never reach the
 * shared emulator of the Quarkus tests (and the other way round).
 */
final class PrivateOrg {

    static final String ORG_ID = "00DPb0000000CFT";
    private static SalesforceEmulator emulator;

    private PrivateOrg() {
    }

    static synchronized SalesforceEmulator emulator() {
        if (emulator == null) {
            SalesforceEmulator started = SalesforceEmulator.start(EmulatorConfig.builder().orgId(ORG_ID).build());
            OrgGenerator.generate(started.org(), new OrgGenerator.Options(60, 8, 7, LocalDate.of(2026, 11, 1)));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "private-emulator-stop"));
            emulator = started;
        }
        return emulator;
    }

    static SalesforceConfig passwordLogin(String username, String password) {
        return new Config(emulator().soapUrl("64.0"), Optional.of(username), Optional.of(password), Optional.empty(),
                Optional.empty(), 200);
    }

    /** The admin with the largest query pages (2000), as in production. */
    static SalesforceConfig adminWithLargePages() {
        return new Config(emulator().soapUrl("64.0"), Optional.of(EmulatorConfig.ADMIN_USERNAME),
                Optional.of(EmulatorConfig.ADMIN_PASSWORD), Optional.empty(), Optional.empty(), 2000);
    }

    static SalesforceConfig admin() {
        return passwordLogin(EmulatorConfig.ADMIN_USERNAME, EmulatorConfig.ADMIN_PASSWORD);
    }

    static SalesforceConfig oauth() {
        return new Config(emulator().soapUrl("64.0"), Optional.empty(), Optional.empty(),
                Optional.of(EmulatorConfig.DEMO_CLIENT_ID), Optional.of(EmulatorConfig.DEMO_CLIENT_SECRET), 200);
    }

    static String userId(String username) {
        return (String) emulator().org().find("User", "Username", username).get(0).get("Id");
    }

    private record Config(String loginUrl, Optional<String> username, Optional<String> password,
            Optional<String> clientId, Optional<String> clientSecret, int queryBatchSize) implements SalesforceConfig {

        @Override
        public String apiVersion() {
            return "64.0";
        }

        @Override
        public int readTimeoutMillis() {
            return 10_000;
        }
    }
}
