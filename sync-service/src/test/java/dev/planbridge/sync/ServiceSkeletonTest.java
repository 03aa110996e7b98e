package dev.planbridge.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.sync.it.PlanningStubResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.SalesforceEmulatorResource;
import dev.planbridge.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(SalesforceEmulatorResource.class)
@WithTestResource(PlanningStubResource.class)
class ServiceSkeletonTest {

    @Test
    void shouldRejectAnonymousApiCalls() {
        given().when().get("/api/v1/service-info").then().statusCode(401);
    }

    @Test
    void shouldAnswerAuthenticatedCallsFromItsOwnDatabase() {
        given().auth().oauth2(TestTokens.viewer())
                .when().get("/api/v1/service-info")
                .then().statusCode(200)
                .body("service", equalTo("sync-service"))
                .body("schema", equalTo("sync-service"));
    }

    @Test
    void shouldExposeHealthMetricsAndOpenApi() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/service-info"));
    }
}
