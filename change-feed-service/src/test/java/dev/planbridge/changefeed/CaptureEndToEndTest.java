package dev.planbridge.changefeed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.changefeed.pushes.SyncEventsFollower;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.Topics;
import dev.planbridge.contracts.sync.SyncProgress;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaBroker;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.SalesforceEmulatorResource;
import dev.planbridge.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The whole service: it captures the shared emulator org through WSC into Kafka (transactions), consumes the topics
 * read_committed into its history, and planners read it over REST. Health and metrics report the capture.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(SalesforceEmulatorResource.class)
class CaptureEndToEndTest {

    private static JsonPath await(String query, int atLeast) {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonPath page;
        do {
            page = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/feed/changes?" + query)
                    .then().statusCode(200).extract().jsonPath();
            if (page.getLong("total") >= atLeast) {
                return page;
            }
            sleep(300);
        } while (System.currentTimeMillis() < deadline);
        return page;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldSnapshotTheOrgAndThenPublishEachChangeWithItsOrigin() {
        Org org = SalesforceEmulatorResource.emulator().org();
        int accounts = org.count("Account");
        await("object=Account&size=1", accounts); // the initial snapshot reached the history

        String admin = org.adminUserId();
        String syncUser = (String) org.find("User", "Username", EmulatorConfig.SYNC_USERNAME).get(0).get("Id");
        String id = org.insert(admin, "Account", Map.of("Name", "End To End Ltd", "Industry", "Energy"));
        await("ids=" + id, 1);
        org.updateRecord(syncUser, id, Map.of("Industry", "Banking"));
        await("ids=" + id, 2);
        org.deleteRecord(admin, id);

        JsonPath history = await("ids=" + id, 3);
        assertEquals(List.of("c", "u", "d"), history.getList("items.event.op"));
        assertEquals(List.of("crm", "planbridge-sync", "crm"), history.getList("items.event.source.origin"));
        assertEquals(List.of("Industry"), history.getList("items[1].event.changedFields"));
        assertEquals("Energy", history.getString("items[1].event.before.Industry"));
        assertEquals("Banking", history.getString("items[1].event.after.Industry"));
        JsonPath own = await("object=Account&origin=planbridge-sync&field=Industry&ids=" + id, 1);
        assertEquals(List.of("u"), own.getList("items.event.op"), "filtering by origin and field");
    }

    @Inject
    SyncEventsFollower syncEvents;

    @Test
    void shouldNameThePushBehindTheIntegrationUsersChanges() throws Exception {
        Org org = SalesforceEmulatorResource.emulator().org();
        String syncUser = (String) org.find("User", "Username", EmulatorConfig.SYNC_USERNAME).get(0).get("Id");
        String admin = org.adminUserId();
        String id = org.insert(admin, "Account", Map.of("Name", "Pushed Ltd", "Industry", "Energy"));
        await("ids=" + id, 1);

        // what the sync service publishes while it writes (sync.progress, key = push id)
        KafkaBroker.createTopics(3, Topics.SYNC_PROGRESS, Topics.SYNC_COMPLETED);
        String pushId = "push-e2e-" + System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", KafkaBroker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SYNC_PROGRESS, pushId, ContractsJson.write(new SyncProgress(
                    SyncProgress.SCHEMA_VERSION, pushId, "plan-e2e", "WRITING", "Account", 0, 1, 0, 0, 0, 0, 1,
                    Instant.now())))).get();
            long deadline = System.currentTimeMillis() + 60_000;
            while (!syncEvents.knows(pushId) && System.currentTimeMillis() < deadline) {
                sleep(200);
            }
            assertTrue(syncEvents.knows(pushId), "the feed follows sync.progress");

            org.updateRecord(syncUser, id, Map.of("OwnerId", syncUser));
            await("ids=" + id, 2); // captured before the next edit, so that the two do not collapse into one
            org.updateRecord(admin, id, Map.of("Industry", "Banking")); // someone else, during the push
            producer.send(new ProducerRecord<>(Topics.SYNC_PROGRESS, pushId, ContractsJson.write(new SyncProgress(
                    SyncProgress.SCHEMA_VERSION, pushId, "plan-e2e", "DONE", null, 1, 1, 1, 0, 0, 0, 2,
                    Instant.now())))).get();
        }
        JsonPath history = await("ids=" + id, 3);
        assertEquals(List.of("c", "u", "u"), history.getList("items.event.op"));
        assertEquals(List.of("crm", "planbridge-sync", "crm"), history.getList("items.event.source.origin"));
        assertEquals(pushId, history.getString("items[1].event.source.pushId"));
        assertEquals(null, history.getString("items[2].event.source.pushId"), "the admin's edit is not the push's");
    }

    @Test
    void shouldReportEveryObjectRunningAndBeReady() {
        long deadline = System.currentTimeMillis() + 60_000;
        List<String> states;
        do {
            states = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/feed/status")
                    .then().statusCode(200).extract().jsonPath().getList("state");
            if (states.size() == 7 && states.stream().allMatch("RUNNING"::equals)) {
                break;
            }
            sleep(300);
        } while (System.currentTimeMillis() < deadline);
        assertEquals(7, states.size(), "the seven default objects: " + states);
        assertTrue(states.stream().allMatch("RUNNING"::equals), states.toString());
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String metric : List.of("changefeed_lag_seconds{object=\"Account\"", "changefeed_api_calls_total",
                "changefeed_events_total", "changefeed_snapshot_rows", "changefeed_api_budget_daily_calls")) {
            assertTrue(metrics.contains(metric), metric + " missing");
        }
    }
}
