package dev.planbridge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

    private static final String SERVICE_TOKEN = "eyJhbGciOiJSUzI1NiJ9.c2VydmljZQ.c2lnbmF0dXJl";
    private static final Path PUBLIC_KEY = Path.of("/repo/.planbridge/jwt/public.pem");

    @Test
    void shouldConnectSyncToItsDatabaseKafkaTheEmulatorAndPlanning() {
        Map<String, String> env = ServiceEnvironment.forService(ServiceSpec.SYNC, StackPorts.standard(), PUBLIC_KEY,
                SERVICE_TOKEN);

        assertEquals("8083", env.get("QUARKUS_HTTP_PORT"));
        assertEquals("jdbc:postgresql://127.0.0.1:55432/sync", env.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("planbridge", env.get("QUARKUS_DATASOURCE_USERNAME"));
        assertEquals("planbridge", env.get("QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals("127.0.0.1:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals("http://127.0.0.1:8090/services/Soap/u/64.0", env.get("SALESFORCE_LOGIN_URL"));
        assertEquals("sync@planbridge.demo", env.get("SALESFORCE_USERNAME"));
        assertEquals("planbridge-sync", env.get("SALESFORCE_PASSWORD"));
        assertEquals("http://127.0.0.1:8081", env.get("PLANNING_URL"));
        assertEquals(SERVICE_TOKEN, env.get("PLANNING_TOKEN"));
        assertEquals("file:/repo/.planbridge/jwt/public.pem", env.get("PLANBRIDGE_JWT_PUBLIC_KEY_LOCATION"));
        assertEquals("https://planbridge.dev/local", env.get("PLANBRIDGE_JWT_ISSUER"));
    }

    @Test
    void shouldTellTheConsoleWhereTheOtherServicesAreAndLetThemAcceptItsOrigin() {
        StackPorts ports = new StackPorts(1, 2, 3, 4, 5, 6, 7, 8);
        Path tokens = Path.of("/repo/.planbridge/tokens");
        Map<String, String> planning = ServiceEnvironment.forService(ServiceSpec.PLANNING, ports, PUBLIC_KEY,
                SERVICE_TOKEN, tokens);
        Map<String, String> sync = ServiceEnvironment.forService(ServiceSpec.SYNC, ports, PUBLIC_KEY, SERVICE_TOKEN,
                tokens);

        assertEquals("http://127.0.0.1:7", planning.get("PLANBRIDGE_CONSOLE_CHANGE_FEED_URL"));
        assertEquals("http://127.0.0.1:8", planning.get("PLANBRIDGE_CONSOLE_SYNC_URL"));
        assertEquals("/repo/.planbridge/tokens", planning.get("PLANBRIDGE_CONSOLE_DEMO_USERS_DIR"));
        assertEquals("http://127.0.0.1:6,http://localhost:6", sync.get("PLANBRIDGE_CONSOLE_ORIGINS"));
        assertFalse(sync.containsKey("PLANBRIDGE_CONSOLE_DEMO_USERS_DIR"));
        assertFalse(ServiceEnvironment.forService(ServiceSpec.PLANNING, ports, PUBLIC_KEY, SERVICE_TOKEN)
                .containsKey("PLANBRIDGE_CONSOLE_DEMO_USERS_DIR"), "demo logins only when the stack asks for them");
    }

    @Test
    void shouldLogTheChangeFeedInAsTheAdminAndGivePlanningNoSalesforceLogin() {
        StackPorts ports = new StackPorts(1, 2, 3, 4, 5, 6, 7, 8);
        Map<String, String> feed = ServiceEnvironment.forService(ServiceSpec.CHANGE_FEED, ports, PUBLIC_KEY, SERVICE_TOKEN);
        Map<String, String> planning = ServiceEnvironment.forService(ServiceSpec.PLANNING, ports, PUBLIC_KEY, SERVICE_TOKEN);

        assertEquals("admin@planbridge.demo", feed.get("SALESFORCE_USERNAME"));
        assertEquals("jdbc:postgresql://127.0.0.1:1/changefeed", feed.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("7", feed.get("QUARKUS_HTTP_PORT"));
        assertFalse(feed.containsKey("PLANNING_TOKEN"));
        assertFalse(planning.containsKey("SALESFORCE_USERNAME"));
        assertFalse(planning.containsKey("SALESFORCE_PASSWORD"));
        assertEquals("jdbc:postgresql://127.0.0.1:1/planning", planning.get("QUARKUS_DATASOURCE_JDBC_URL"));
    }

    @Test
    void shouldMaskEveryCredentialWhenDescribed() {
        Map<String, String> env = ServiceEnvironment.forService(ServiceSpec.SYNC, StackPorts.standard(), PUBLIC_KEY,
                SERVICE_TOKEN);

        String printed = ServiceEnvironment.describe(env);

        assertFalse(printed.contains(SERVICE_TOKEN), printed);
        assertFalse(printed.contains("planbridge-sync"), printed);
        assertTrue(printed.contains("QUARKUS_DATASOURCE_PASSWORD=********"), printed);
        assertTrue(printed.contains("SALESFORCE_PASSWORD=********"), printed);
        assertTrue(printed.contains("PLANNING_TOKEN=********"), printed);
        assertTrue(printed.contains("SALESFORCE_USERNAME=sync@planbridge.demo"), printed);
        assertTrue(printed.contains("PLANBRIDGE_JWT_PUBLIC_KEY_LOCATION=file:"), printed);
    }

    @Test
    void theUrlTableShouldShowEveryEndpointButNoCredential() {
        StackPaths paths = StackPaths.forRepository(Path.of("/repo"));
        String table = UrlTable.render(paths, StackPorts.standard(), Stack.EVERYTHING,
                Map.of("planner", Path.of("/repo/.planbridge/tokens/planner.jwt")));

        for (String expected : new String[] {"http://127.0.0.1:8081/q/openapi", "http://127.0.0.1:8082/q/health/ready",
                "http://127.0.0.1:8083/q/metrics", "127.0.0.1:9092", "jdbc:postgresql://127.0.0.1:55432/changefeed",
                "http://127.0.0.1:8090/services/Soap/u/64.0", "http://127.0.0.1:8090/services/oauth2/token",
                "https://127.0.0.1:8443/services/Soap/u/64.0", ".planbridge/tokens/planner.jwt", ".planbridge/logs"}) {
            assertTrue(table.contains(expected), expected + " missing from\n" + table);
        }
        for (String secret : new String[] {"planbridge-demo", "planbridge-sync", "emulator-admin", "password"}) {
            assertFalse(table.toLowerCase().contains(secret), secret + " printed in\n" + table);
        }
    }

    @Test
    void theUrlTableShouldListOnlyWhatRuns() {
        String table = UrlTable.render(StackPaths.forRepository(Path.of("/repo")), StackPorts.standard(),
                EnumSet.of(StackProcess.POSTGRES, StackProcess.KAFKA), Map.of());

        assertTrue(table.contains("127.0.0.1:9092"));
        assertFalse(table.contains("8081"));
        assertFalse(table.contains("Soap"));
    }
}
