package dev.planbridge.planning.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.Topics;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.ChangeSource;
import dev.planbridge.contracts.feed.Operation;
import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaBroker;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The console's "accounts of a territory and why" read model, on a plan built from a CRM mirror fed through Kafka. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
class TerritoryAccountsTest {

    static final String PLANNER = TestTokens.planner();

    static ChangeEvent event(String object, String id, Map<String, Object> fields, Instant at) {
        Map<String, Object> image = new LinkedHashMap<>(fields);
        image.put("Id", id);
        image.put("SystemModstamp", at.toString());
        return new ChangeEvent(ChangeEvent.SCHEMA_VERSION, ChangeEvent.eventIdOf(object, id, at.toEpochMilli(), Operation.READ),
                id, object, Operation.READ, null, image, new ArrayList<>(image.keySet()),
                new ChangeSource("00D000000000001", at, "005ADMIN", "Admin", ChangeSource.ORIGIN_CRM, null, true),
                System.currentTimeMillis());
    }

    static void publish(ChangeEvent... events) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (ChangeEvent e : events) {
                producer.send(new ProducerRecord<>(Topics.changes(e.object()), e.id(), ContractsJson.write(e)));
            }
        }
    }

    static Map<String, Object> account(String name, String owner, String country, long revenue) {
        return Map.of("Name", name, "OwnerId", owner, "BillingCountry", country, "AnnualRevenue", revenue);
    }

    static String edit(String etag, String method, String path, Object body, int status) {
        Response r = given().auth().oauth2(PLANNER).header("If-Match", etag).contentType(ContentType.JSON).body(body)
                .request(method, path);
        r.then().statusCode(status);
        return r.header("ETag");
    }

    @Test
    void shouldListATerritorysAccountsWithTheRuleOrOverrideThatPutThemThere() throws Exception {
        String p = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        String owner = "005" + p + "ANN";
        publish(event("User", owner, Map.of("Name", "Ann Console", "Username", "ann." + p + "@example.com", "IsActive", true), t));
        publish(event("Account", "001" + p + "1", account("Alpha " + p, owner, "FR", 100), t),
                event("Account", "001" + p + "2", account("Beta " + p, owner, "FR", 200), t),
                event("Account", "001" + p + "3", account("Gamma " + p, owner, "FR", 300), t));
        long deadline = System.currentTimeMillis() + 60_000;
        while (given().auth().oauth2(PLANNER).get("/api/v1/crm/accounts/001" + p + "3").statusCode() != 200) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the CRM mirror did not receive the seeded accounts");
            }
            Thread.sleep(200);
        }

        Response created = given().auth().oauth2(PLANNER).contentType(ContentType.JSON)
                .body(Map.of("name", "console " + p, "fiscalYearStart", "2027-02-01")).post("/api/v1/plans");
        created.then().statusCode(201);
        String base = "/api/v1/plans/" + created.path("id");
        String etag = created.header("ETag");
        etag = edit(etag, "PUT", base + "/territory-types/Geo", Map.of("key", "Geo", "label", "Geography", "priority", 10), 200);
        etag = edit(etag, "POST", base + "/territories", Map.of("key", "FR_" + p, "name", "France", "typeKey", "Geo"), 201);
        etag = edit(etag, "POST", base + "/territories", Map.of("key", "KEY_" + p, "name", "Key accounts", "typeKey", "Geo"), 201);
        etag = edit(etag, "POST", base + "/rules", Map.of("name", "france " + p, "position", 10, "territoryKey", "FR_" + p,
                "criteria", Map.of("items", List.of(Map.of("field", "BillingCountry", "operation", "equals", "value", "FR")))), 201);
        edit(etag, "PUT", base + "/overrides/001" + p + "3", Map.of("territoryKey", "KEY_" + p, "reason", "named account"), 200);

        String console = "/api/v1/console" + base.substring("/api/v1".length());
        given().auth().oauth2(TestTokens.viewer()).get(console + "/territories/FR_" + p + "/accounts").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.name", contains("Alpha " + p, "Beta " + p))
                .body("items[0].source", equalTo("RULE"))
                .body("items[0].why", equalTo("france " + p))
                .body("items[0].ownerName", equalTo("Ann Console"))
                .body("items[1].potential", equalTo(200.0f));
        given().auth().oauth2(TestTokens.viewer()).get(console + "/territories/KEY_" + p + "/accounts").then().statusCode(200)
                .body("items.accountId", contains("001" + p + "3"))
                .body("items[0].source", equalTo("OVERRIDE"))
                .body("items[0].why", equalTo("named account"));
        given().auth().oauth2(TestTokens.viewer()).get(console + "/territories/FR_" + p + "/accounts?q=beta&limit=1")
                .then().statusCode(200).body("total", equalTo(1)).body("items.accountId", contains("001" + p + "2"));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/console/users?q=ann console").then().statusCode(200)
                .body("id", contains(owner));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/console/plans/" + UUID.randomUUID() + "/territories/X/accounts")
                .then().statusCode(404);
    }
}
