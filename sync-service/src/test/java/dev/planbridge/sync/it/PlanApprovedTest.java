package dev.planbridge.sync.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.Topics;
import dev.planbridge.contracts.plan.PlanApproved;
import dev.planbridge.contracts.sync.SyncCompleted;
import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaBroker;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.SalesforceEmulatorResource;
import dev.planbridge.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A PlanApproved event with autoPush starts an apply push once; its outcome is published as SyncCompleted. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(SalesforceEmulatorResource.class)
@WithTestResource(PlanningStubResource.class)
class PlanApprovedTest {

    @Test
    void shouldPushOnApprovalOnceAndPublishTheOutcome() throws Exception {
        PlanFixture plan = new PlanFixture(150, 10, 903);
        String checksum = plan.serve();
        PlanApproved event = new PlanApproved(PlanApproved.SCHEMA_VERSION, UUID.randomUUID().toString(), plan.planId,
                "IT plan", 1, checksum, "arthur.approver", Instant.now(), "/api/v1/plans/" + plan.planId + "/desired-state",
                true);
        Properties producerProps = new Properties();
        producerProps.put("bootstrap.servers", KafkaBroker.bootstrapServers());
        producerProps.put("key.serializer", StringSerializer.class.getName());
        producerProps.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
            for (int i = 0; i < 2; i++) { // redelivered: must not start a second push
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PLAN_EVENTS, plan.planId,
                        ContractsJson.write(event));
                record.headers().add("eventType", PlanApproved.TYPE.getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }

        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        JsonPath pushes = null;
        while (Instant.now().isBefore(deadline)) {
            pushes = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/pushes?planId=" + plan.planId)
                    .then().statusCode(200).extract().jsonPath();
            if (!pushes.getList("$").isEmpty() && "COMPLETED".equals(pushes.getString("[0].status"))) {
                break;
            }
            Thread.sleep(300);
        }
        assertEquals(1, pushes.getList("$").size(), "one push per approval, even when the event is redelivered");
        assertEquals("SYNCED", pushes.getString("[0].outcome"), pushes.prettify());
        assertEquals("apply", pushes.getString("[0].mode"));

        Properties consumerProps = new Properties();
        consumerProps.put("bootstrap.servers", KafkaBroker.bootstrapServers());
        consumerProps.put("group.id", "it-" + UUID.randomUUID());
        consumerProps.put("auto.offset.reset", "earliest");
        consumerProps.put("key.deserializer", StringDeserializer.class.getName());
        consumerProps.put("value.deserializer", StringDeserializer.class.getName());
        boolean found = false;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.subscribe(List.of(Topics.SYNC_COMPLETED));
            Instant until = Instant.now().plus(Duration.ofSeconds(30));
            while (!found && Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (plan.planId.equals(record.key())) {
                        SyncCompleted completed = ContractsJson.read(record.value(), SyncCompleted.class);
                        assertEquals("SYNCED", completed.outcome().name());
                        assertTrue(completed.written() > 0);
                        found = true;
                    }
                }
            }
        }
        assertTrue(found, "SyncCompleted published with the plan id as key");
    }
}
