package dev.planbridge.testkit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.ChangeSource;
import dev.planbridge.contracts.feed.Operation;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
class TestkitInfrastructureTest {

    @Inject
    DataSource dataSource;

    @Inject
    RoundTrip roundTrip;

    @Test
    void writesAndReadsRealPostgres() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE probe (id int primary key, name text)");
            s.execute("INSERT INTO probe VALUES (1, 'planbridge')");
            try (ResultSet rs = s.executeQuery("SELECT name, version() FROM probe")) {
                assertTrue(rs.next());
                assertEquals("planbridge", rs.getString(1));
                assertTrue(rs.getString(2).startsWith("PostgreSQL"), rs.getString(2));
            }
        }
    }

    @Test
    void roundTripsAContractEventThroughTheRealBroker() throws Exception {
        Instant modstamp = Instant.parse("2026-11-29T08:00:00.001Z");
        ChangeEvent event = new ChangeEvent(ChangeEvent.SCHEMA_VERSION,
                ChangeEvent.eventIdOf("Account", "001000000000042AAA", modstamp.toEpochMilli(), Operation.CREATE),
                "001000000000042AAA", "Account", Operation.CREATE, null, Map.of("Name", "Acme"), List.of("Name"),
                new ChangeSource("00D000000000001AAA", modstamp, "005000000000001AAA", "Ada", "crm", null, false),
                System.currentTimeMillis());

        roundTrip.send(event);

        long deadline = System.currentTimeMillis() + 20_000;
        while (roundTrip.received().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, roundTrip.received().size(), "exactly one event consumed");
        Record<String, ChangeEvent> received = roundTrip.received().get(0);
        assertEquals(event.id(), received.key());
        assertEquals(event, received.value());
    }

    @Test
    void acceptsRuntimeSignedTokensAndRejectsAnonymousCalls() {
        given().when().get("/whoami").then().statusCode(401);
        given().auth().oauth2(TestTokens.viewer()).when().get("/whoami").then().statusCode(403);
        given().auth().oauth2(TestTokens.planner()).when().get("/whoami")
                .then().statusCode(200).body(equalTo("paula.planner"));
    }
}
