package dev.planbridge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceEnvTest {

    private static final String PROPERTIES = """
            # ${NOT_A_REFERENCE} in a comment
            mp.jwt.verify.issuer=${PLANBRIDGE_JWT_ISSUER:https://planbridge.dev/local}
            %dev.quarkus.datasource.jdbc.url=${DEV_ONLY_URL}
            %test.kafka.bootstrap.servers=${TEST_ONLY}
            %prod.kafka.bootstrap.servers=${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}
            %dev,prod.feed.api-key=${FEED_API_KEY}
            %prod.feed.owner=${FEED_OWNER:}
            feed.integration-user=${FEED_INTEGRATION_USER:sync@planbridge.demo}
            feed.poll-interval=${FEED_POLL_INTERVAL:5s}
            feed.batch-size=200
            quarkus.container-image.tag=${quarkus.application.version}
            """;

    @Test
    void shouldRequireReferencesWithoutAProductionSafeDefault() {
        ServiceEnv env = ServiceEnv.parse("planning-service", PROPERTIES);

        assertTrue(env.required().containsAll(Set.of("FEED_API_KEY", "FEED_OWNER", "FEED_INTEGRATION_USER",
                "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_PASSWORD")), env.required().toString());
        assertFalse(env.required().contains("FEED_POLL_INTERVAL"), "a tunable with a safe default is optional");
        assertFalse(env.references().contains("DEV_ONLY_URL"), "%dev lines do not apply in production");
        assertFalse(env.references().contains("TEST_ONLY"), "%test lines do not apply in production");
        assertFalse(env.references().contains("NOT_A_REFERENCE"), "comments are not configuration");
    }

    @Test
    void shouldKnowOptionalReferencesPropertyKeysAndQuarkusVariables() {
        ServiceEnv env = ServiceEnv.parse("planning-service", PROPERTIES);

        assertTrue(env.isKnown("FEED_POLL_INTERVAL"));
        assertTrue(env.isKnown("FEED_BATCH_SIZE"), "env form of the key feed.batch-size");
        assertTrue(env.isKnown("FEED_KAFKA_PARTITIONS"), "a @ConfigMapping setting under the known root feed");
        assertTrue(env.isKnown("QUARKUS_SHUTDOWN_TIMEOUT"));
        assertTrue(env.isKnown("JAVA_OPTS_APPEND"));
        assertFalse(env.isKnown("FEDE_BATCH_SIZE"), "a typo in the root");
        assertFalse(env.isKnown("DEV_ONLY_URL"));
    }

    @Test
    void shouldRequireTheConventionalVariablesOfEachService() {
        var services = ServiceEnv.of(RepoFiles.root());

        assertTrue(services.get("planning-service").required().contains("QUARKUS_DATASOURCE_PASSWORD"));
        assertTrue(services.get("change-feed-service").required().contains("SALESFORCE_CLIENT_SECRET"));
        assertTrue(services.get("sync-service").required()
                .containsAll(Set.of("PLANNING_URL", "PLANNING_TOKEN", "SALESFORCE_USERNAME")));
        assertFalse(services.get("planning-service").required().contains("SALESFORCE_USERNAME"));
        assertEquals(ServiceEnv.SERVICES, java.util.List.copyOf(services.keySet()));
    }
}
