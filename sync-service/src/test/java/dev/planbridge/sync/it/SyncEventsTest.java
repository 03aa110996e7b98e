package dev.planbridge.sync.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.Topics;
import dev.planbridge.contracts.sync.PushOutcome;
import dev.planbridge.contracts.sync.SyncCompleted;
import dev.planbridge.contracts.sync.SyncConflict;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.support.kafka.KafkaClientProperties;
import dev.planbridge.support.outbox.OutboxEvent;
import dev.planbridge.support.outbox.OutboxRelay;
import dev.planbridge.support.outbox.OutboxSender;
import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaBroker;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.SalesforceEmulatorResource;
import dev.planbridge.testkit.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * sync.conflicts and sync.completed go through the outbox: published once Kafka is reachable again, never twice, and
 * SyncCompleted carries the plan's outcome over all its pushes.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(SalesforceEmulatorResource.class)
@WithTestResource(PlanningStubResource.class)
class SyncEventsTest {

    static final List<String> ALL = List.of("territories", "user-assignments", "account-assignments", "account-owners", "quotas");
    static final Duration WAIT = Duration.ofSeconds(60);

    final SalesforceEmulator emulator = SalesforceEmulatorResource.emulator();

    @Test
    void shouldPublishConflictsAndCompletionOnceAfterKafkaWasUnavailable() throws Exception {
        // Kafka is unreachable for the relay while the push stores its conflicts and finishes.
        OutboxSender deadKafka = new OutboxSender(new KafkaClientProperties("127.0.0.1:" + freePort()), Duration.ofMillis(300),
                "sync-outbox-relay");
        OutboxSender liveKafka = new OutboxSender(new KafkaClientProperties(KafkaBroker.bootstrapServers()),
                Duration.ofSeconds(10), "sync-outbox-relay");
        try {
            QuarkusMock.installMockForType(deadKafka, OutboxSender.class);
            PlanFixture plan = new PlanFixture(40, 20, 904);
            plan.serve();
            changeOwnerInCrm(plan, 0);
            changeOwnerInCrm(plan, 1);

            String pushId = PushApi.start(TestTokens.planner(), plan.planId, "dry-run", ALL, Map.of());
            JsonPath report = PushApi.awaitFinished(TestTokens.planner(), pushId, WAIT);
            assertEquals("COMPLETED", report.getString("status"), report.prettify());
            assertEquals(2, report.getInt("report.conflicts"), report.prettify());

            Thread.sleep(2000); // several relay runs (every 200 ms in tests), all failing
            assertEquals(3, unsent(pushId, plan.planId), "2 SyncConflict + 1 SyncCompleted wait in the outbox");

            QuarkusMock.installMockForType(liveKafka, OutboxSender.class);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (unsent(pushId, plan.planId) > 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertEquals(0, unsent(pushId, plan.planId), "the relay published the queued events after Kafka came back");

            List<ConsumerRecord<String, String>> conflicts = consume(Topics.SYNC_CONFLICTS, r -> pushId.equals(r.key()), 2);
            List<ConsumerRecord<String, String>> completed = consume(Topics.SYNC_COMPLETED, r -> plan.planId.equals(r.key()), 1);
            assertEquals(2, conflicts.size(), "each conflict published once");
            assertEquals(1, completed.size(), "the completion published once");
            JsonPath stored = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/pushes/" + pushId + "/conflicts")
                    .then().statusCode(200).extract().jsonPath();
            Set<String> storedIds = new HashSet<>(stored.getList("id"));
            Set<String> publishedIds = new HashSet<>();
            for (ConsumerRecord<String, String> record : conflicts) {
                SyncConflict conflict = ContractsJson.read(record.value(), SyncConflict.class);
                publishedIds.add(conflict.conflictId());
                assertEquals(conflict.conflictId(), header(record, "eventId"), "the event id is the conflict id");
                assertEquals(plan.planId, conflict.planId());
            }
            assertEquals(storedIds, publishedIds);
            SyncCompleted done = ContractsJson.read(completed.get(0).value(), SyncCompleted.class);
            assertEquals(pushId, done.pushId());
            assertEquals("dry-run", done.mode());
            assertEquals(PushOutcome.PARTIALLY_SYNCED, done.outcome());
            assertNull(done.planOutcome(), "a dry run says nothing about the plan");
            assertEquals(done.eventId(), header(completed.get(0), "eventId"));
        } finally {
            deadKafka.close();
            liveKafka.close();
        }
    }

    @Test
    void shouldKeepThePlanPartiallySyncedUntilEveryConflictOfThePlanIsPushed() throws Exception {
        PlanFixture plan = new PlanFixture(60, 20, 905);
        plan.serve();
        changeOwnerInCrm(plan, 0);
        changeOwnerInCrm(plan, 1);

        String apply = PushApi.start(TestTokens.approver(), plan.planId, "apply", ALL, Map.of());
        JsonPath applied = PushApi.awaitFinished(TestTokens.approver(), apply, WAIT);
        assertEquals("PARTIALLY_SYNCED", applied.getString("outcome"), applied.prettify());
        SyncCompleted first = completedEvent(plan.planId, apply);
        assertEquals(PushOutcome.PARTIALLY_SYNCED, first.planOutcome());
        assertEquals(2L, first.openConflicts());

        JsonPath conflicts = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/pushes/" + apply + "/conflicts")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, conflicts.getList("$").size());
        resolve(apply, conflicts.getString("[0].id"), "plan");

        String followUp = followUp(apply);
        JsonPath followed = PushApi.awaitFinished(TestTokens.approver(), followUp, WAIT);
        assertEquals("SYNCED", followed.getString("outcome"), "the follow-up wrote all it had to: " + followed.prettify());
        SyncCompleted second = completedEvent(plan.planId, followUp);
        assertEquals(PushOutcome.SYNCED, second.outcome());
        assertEquals(PushOutcome.PARTIALLY_SYNCED, second.planOutcome(), "the other conflict of the plan is still open");
        assertEquals(1L, second.openConflicts());

        resolve(apply, conflicts.getString("[1].id"), "crm");
        String lastFollowUp = followUp(apply);
        JsonPath last = PushApi.awaitFinished(TestTokens.approver(), lastFollowUp, WAIT);
        assertEquals("SYNCED", last.getString("outcome"), last.prettify());
        SyncCompleted third = completedEvent(plan.planId, lastFollowUp);
        assertEquals(PushOutcome.SYNCED, third.planOutcome(), "no conflict of the plan is open any more");
        assertEquals(0L, third.openConflicts());
    }

    @Test
    void shouldPurgeSentRowsAfterTheRetentionButNeverUnsentOnes() throws Exception {
        // Kafka unreachable for the relay, so the old unsent row stays unsent while the purge runs.
        OutboxSender deadKafka = new OutboxSender(new KafkaClientProperties("127.0.0.1:" + freePort()), Duration.ofMillis(300),
                "sync-outbox-relay");
        QuarkusMock.installMockForType(deadKafka, OutboxSender.class);
        String key = "purge-" + UUID.randomUUID();
        UUID oldSent = UUID.randomUUID();
        UUID recentSent = UUID.randomUUID();
        UUID oldUnsent = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Instant old = Instant.now().minus(Duration.ofDays(8));
            outboxRow(oldSent, key, old, old);
            outboxRow(recentSent, key, Instant.now(), Instant.now());
            outboxRow(oldUnsent, key, old, null);
        });
        try {
            relay.purgeSent();
            List<UUID> left = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>list("aggregateid", key)
                    .stream().map(row -> row.id).toList());
            assertEquals(Set.of(recentSent, oldUnsent), new HashSet<>(left), "only the old sent row is deleted");
        } finally {
            deadKafka.close();
        }
    }

    @jakarta.inject.Inject
    OutboxRelay relay;

    private static void outboxRow(UUID id, String key, Instant created, Instant sent) {
        OutboxEvent row = new OutboxEvent();
        row.id = id;
        row.aggregatetype = "test";
        row.aggregateid = key;
        row.type = "Test";
        row.topic = "sync.test-purge";
        row.payload = "{}";
        row.createdAt = created;
        row.sentAt = sent;
        row.persist();
    }

    private void changeOwnerInCrm(PlanFixture plan, int account) {
        // Someone reassigns the account after the plan's baseline: a held conflict.
        emulator.org().updateRecord(emulator.org().adminUserId(), plan.accounts.get(account),
                Map.of("OwnerId", plan.reps.get(2)));
    }

    private static void resolve(String pushId, String conflictId, String keep) {
        given().auth().oauth2(TestTokens.approver()).contentType(ContentType.JSON).body(Map.of("keep", keep))
                .when().post("/api/v1/pushes/" + pushId + "/conflicts/" + conflictId + "/resolve")
                .then().statusCode(200);
    }

    private static String followUp(String pushId) {
        return given().auth().oauth2(TestTokens.approver()).when().post("/api/v1/pushes/" + pushId + "/follow-up")
                .then().statusCode(202).extract().path("id");
    }

    private static SyncCompleted completedEvent(String planId, String pushId) {
        List<SyncCompleted> matching = consume(Topics.SYNC_COMPLETED, r -> planId.equals(r.key())
                && pushId.equals(ContractsJson.read(r.value(), SyncCompleted.class).pushId()), 1).stream()
                .map(record -> ContractsJson.read(record.value(), SyncCompleted.class)).toList();
        assertEquals(1, matching.size(), "one SyncCompleted for push " + pushId);
        return matching.get(0);
    }

    private static long unsent(String pushId, String planId) {
        return QuarkusTransaction.requiringNew().call(() ->
                OutboxEvent.count("aggregateid in ?1 and sentAt is null", List.of(pushId, planId)));
    }

    /**
     * Reads the topic from the start and returns the matching records; waits until {@code expected} are there, then
     * keeps reading for two more seconds (ten relay runs) to catch a duplicate.
     */
    private static List<ConsumerRecord<String, String>> consume(String topic,
                                                                Predicate<ConsumerRecord<String, String>> match,
                                                                int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", KafkaBroker.bootstrapServers());
        props.put("group.id", "it-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            Instant until = Instant.now().plus(Duration.ofSeconds(30));
            Instant settle = null;
            while (Instant.now().isBefore(until) && (settle == null || Instant.now().isBefore(settle))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (match.test(record)) {
                        found.add(record);
                    }
                }
                if (settle == null && found.size() >= expected) {
                    settle = Instant.now().plus(Duration.ofSeconds(2));
                }
            }
        }
        assertTrue(!found.isEmpty(), "records on " + topic);
        return found;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
