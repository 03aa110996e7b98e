package dev.planbridge.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SalesforcePropertiesTest {

    @Test
    void shouldTakeTheDefaultsAndReadDurations() {
        SalesforceConfig config = SalesforceProperties.toConfig(Map.of(
                "salesforce.username", "sync@planbridge.demo", "salesforce.read-timeout", "30s",
                "salesforce.retry.max-attempts", "1"));

        assertEquals("http://127.0.0.1:8090/services/Soap/u/64.0", config.loginUrl());
        assertEquals(Optional.of("sync@planbridge.demo"), config.username());
        assertEquals(Optional.empty(), config.password());
        assertEquals(Duration.ofSeconds(30), config.readTimeout());
        assertEquals(Duration.ofSeconds(10), config.connectTimeout());
        assertEquals(2000, config.queryBatchSize());
        assertEquals(1, config.retry().maxAttempts());
        assertEquals(Duration.ofMillis(200), config.retry().initialBackoff());
        assertEquals(Duration.ofMinutes(15), config.describeCacheTtl());
    }

    @Test
    void shouldRefuseATimeoutThatIsNotADuration() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SalesforceProperties.toConfig(Map.of("salesforce.read-timeout", "thirty")));
        assertTrue(e.getMessage().contains("salesforce.read-timeout"), e.getMessage());
    }

    // The change feed read salesforce.read-timeout-millis=30000 before the client was shared; a forgotten setting must
    // not be ignored silently.
    @Test
    void shouldRefuseTheRenamedReadTimeoutKeyInEverySpelling() {
        for (String key : List.of("salesforce.read-timeout-millis", "%prod.salesforce.read-timeout-millis",
                "SALESFORCE_READ_TIMEOUT_MILLIS")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SalesforceProperties.refuseRenamed(List.of("salesforce.login-url", key)), key);
            assertTrue(e.getMessage().contains("salesforce.read-timeout (a duration"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> SalesforceProperties.toConfig(Map.of("salesforce.read-timeout-millis", "30000")));
        SalesforceProperties.refuseRenamed(List.of("salesforce.read-timeout", "SALESFORCE_READ_TIMEOUT"));
    }
}
