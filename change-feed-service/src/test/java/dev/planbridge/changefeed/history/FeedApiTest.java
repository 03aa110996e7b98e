package dev.planbridge.changefeed.history;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.Topics;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.ChangeSource;
import dev.planbridge.contracts.feed.Operation;
import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaBroker;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.SalesforceEmulatorResource;
import dev.planbridge.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The planners' side: committed change events flow from Kafka into the history (aborted ones never), and the REST
 * API pages, filters, exports and streams them.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(SalesforceEmulatorResource.class)
class FeedApiTest {

    /** An object name of its own, so other tests' events in the shared broker do not interfere. */
    static final String OBJECT = "FeedApiTest";
    static final String OWNER_A = "0050000000000AAAAA";
    static final String OWNER_B = "0050000000000BBBAA";
    static final String SYNC_USER = "005000000000SYNCAA";
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final List<ChangeEvent> COMMITTED = new ArrayList<>();
    static volatile boolean produced;

    @TestHTTPResource("/api/v1/feed/stream")
    URL streamUrl;

    @BeforeAll
    static void produceOnce() {
        if (produced) {
            return;
        }
        produced = true;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "feed-api-test-" + UUID.randomUUID());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 6; i++) {
                String owner = i % 2 == 0 ? OWNER_A : OWNER_B;
                String user = i == 5 ? SYNC_USER : OWNER_A;
                COMMITTED.add(event("001000000000" + i + "XXXAA", i == 0 ? Operation.CREATE : Operation.UPDATE,
                        owner, T0.plusSeconds(i), user, i == 3 ? List.of("Industry") : List.of("OwnerId")));
            }
            COMMITTED.forEach(e -> send(producer, e));
            send(producer, COMMITTED.get(1)); // a redelivery: stored once
            producer.commitTransaction();

            producer.beginTransaction();
            send(producer, event("001000000000ABORTAA", Operation.CREATE, OWNER_A, T0.plusSeconds(30), OWNER_A,
                    List.of("Name")));
            producer.flush();
            producer.abortTransaction();
        }
    }

    private static void send(KafkaProducer<String, String> producer, ChangeEvent event) {
        producer.send(new ProducerRecord<>(Topics.changes(OBJECT), event.id(), ContractsJson.write(event)));
    }

    static ChangeEvent event(String id, Operation op, String owner, Instant stamp, String modifiedBy,
            List<String> changed) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("Id", id);
        after.put("OwnerId", owner);
        after.put("Name", "=HYPERLINK(\"x\")");
        String origin = SYNC_USER.equals(modifiedBy) ? ChangeSource.ORIGIN_SYNC : ChangeSource.ORIGIN_CRM;
        return new ChangeEvent(1, ChangeEvent.eventIdOf(OBJECT, id, stamp.toEpochMilli(), op), id, OBJECT, op,
                op == Operation.CREATE ? null : Map.of("Id", id, "OwnerId", "005000000000PREVAA"), after, changed,
                new ChangeSource("00D000000000001AAA", stamp, modifiedBy, "=SUM(A1)", origin, null, false),
                stamp.toEpochMilli() + 100);
    }

    private static JsonPath awaitPage(String query, int expectedTotal) {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonPath page;
        do {
            page = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/feed/changes?" + query)
                    .then().statusCode(200).extract().jsonPath();
            if (page.getLong("total") >= expectedTotal) {
                return page;
            }
            sleep(200);
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
    void shouldStoreEachCommittedChangeOnceAndNeverAnAbortedOne() {
        JsonPath all = awaitPage("object=" + OBJECT + "&size=100", 6);
        sleep(1000); // give a stray duplicate or aborted event the chance to show up
        all = awaitPage("object=" + OBJECT + "&size=100", 6);
        assertEquals(6, all.getLong("total"));
        List<String> eventIds = all.getList("items.event.eventId");
        assertEquals(COMMITTED.stream().map(ChangeEvent::eventId).toList(), eventIds);
    }

    @Test
    void shouldPageInChangeOrder() {
        awaitPage("object=" + OBJECT, 6);
        JsonPath second = given().auth().oauth2(TestTokens.planner())
                .when().get("/api/v1/feed/changes?object=" + OBJECT + "&page=1&size=4")
                .then().statusCode(200).body("total", equalTo(6)).body("page", equalTo(1)).body("size", equalTo(4))
                .extract().jsonPath();
        assertEquals(List.of(COMMITTED.get(4).eventId(), COMMITTED.get(5).eventId()),
                second.getList("items.event.eventId"));
    }

    @Test
    void shouldFilterByOwnerFieldOriginAndTime() {
        awaitPage("object=" + OBJECT, 6);
        assertEquals(3, awaitPage("object=" + OBJECT + "&owner=" + OWNER_B, 3).getLong("total"));
        assertEquals(List.of(COMMITTED.get(3).eventId()),
                awaitPage("object=" + OBJECT + "&field=Industry", 1).getList("items.event.eventId"));
        assertEquals(List.of(COMMITTED.get(5).eventId()),
                awaitPage("object=" + OBJECT + "&origin=planbridge-sync", 1).getList("items.event.eventId"));
        JsonPath window = awaitPage("object=" + OBJECT + "&since=" + T0.plusSeconds(1) + "&until=" + T0.plusSeconds(3), 2);
        assertEquals(List.of(COMMITTED.get(1).eventId(), COMMITTED.get(2).eventId()),
                window.getList("items.event.eventId"));
        assertEquals(List.of(COMMITTED.get(2).eventId()), awaitPage("object=" + OBJECT + "&ids="
                + COMMITTED.get(2).id(), 1).getList("items.event.eventId"));
    }

    @Test
    void shouldExportCsvWithSpreadsheetFormulasDefused() {
        awaitPage("object=" + OBJECT, 6);
        String csv = given().auth().oauth2(TestTokens.viewer())
                .when().get("/api/v1/feed/changes.csv?object=" + OBJECT)
                .then().statusCode(200).header("Content-Type", containsString("text/csv"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertTrue(lines[0].startsWith("seq,eventId,object,recordId,op,changedFields"), lines[0]);
        assertEquals(7, lines.length, csv);
        assertTrue(lines[1].contains(COMMITTED.get(0).eventId()));
        assertTrue(csv.contains(",'=SUM(A1),") && !csv.contains(",=SUM(A1)"), "formula cells are defused: " + lines[1]);
    }

    @Test
    void shouldRejectBadQueriesWithProblemDetails() {
        for (String query : List.of("size=0", "size=5000", "page=-1", "since=yesterday", "origin=elsewhere",
                "owner=x' OR '1'='1", "object=Account;DROP", "since=2026-11-02T00:00:00Z&until=2026-11-01T00:00:00Z")) {
            given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/feed/changes?" + query)
                    .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
    }

    @Test
    void shouldRequireAnAuthenticatedRole() {
        given().when().get("/api/v1/feed/changes").then().statusCode(401);
        given().auth().oauth2(TestTokens.forUser("nobody", "guest")).when().get("/api/v1/feed/changes")
                .then().statusCode(403);
        given().when().get("/api/v1/feed/stream").then().statusCode(401);
    }

    @Test
    void shouldStreamFilteredChangesAndResumeAfterLastEventId() throws Exception {
        JsonPath all = awaitPage("object=" + OBJECT + "&size=100", 6);
        long firstSeq = all.getLong("items[0].seq");
        // resume after the first change; only OWNER_A's changes: #2 and #4
        HttpRequest request = HttpRequest.newBuilder(URI.create(streamUrl + "?object=" + OBJECT + "&owner=" + OWNER_A))
                .header("Authorization", "Bearer " + TestTokens.viewer())
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", Long.toString(firstSeq)).build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        List<String> ids = new ArrayList<>();
        List<String> data = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while (data.size() < 2 && (line = reader.readLine()) != null) {
                    if (line.startsWith("id:")) {
                        ids.add(line.substring(3).trim());
                    } else if (line.startsWith("data:")) {
                        data.add(line.substring(5).trim());
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        reading.get(20, TimeUnit.SECONDS);
        response.body().close();
        assertEquals(List.of(COMMITTED.get(2).eventId(), COMMITTED.get(4).eventId()),
                data.stream().map(d -> ContractsJson.read(d, ChangeEvent.class).eventId()).toList());
        assertTrue(Long.parseLong(ids.get(0)) > firstSeq, "ids are the history sequence: " + ids);
    }

}
