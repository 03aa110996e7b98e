package dev.planbridge.planning.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's public bootstrap endpoints and static files (demo tokens folder set by the %test profile). */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
class ConsoleEndpointsTest {

    static final Path DEMO_TOKENS = Path.of("target/console-demo-tokens");
    static final String PLANNER_TOKEN = TestTokens.forUser("paula.planner", "planner");

    @BeforeAll
    static void writeDemoTokens() throws Exception {
        Files.createDirectories(DEMO_TOKENS);
        Files.writeString(DEMO_TOKENS.resolve("planner.jwt"), PLANNER_TOKEN + "\n");
        Files.writeString(DEMO_TOKENS.resolve("service.jwt"), TestTokens.forUser("planbridge-service", "service") + "\n");
        Files.deleteIfExists(DEMO_TOKENS.resolve("approver.jwt"));
    }

    @Test
    void shouldServeConfigWithoutAuthentication() {
        given().get("/console/config.json").then().statusCode(200)
                .body("changeFeedUrl", equalTo("http://localhost:8082"))
                .body("syncUrl", equalTo("http://localhost:8083"))
                .body("demoUsers", equalTo(true));
    }

    @Test
    void shouldServeTheStaticConsoleWithoutAuthentication() {
        given().get("/console/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Planbridge console"));
        given().get("/console/app.js").then().statusCode(200);
    }

    @Test
    void shouldListOnlyHumanDemoRolesThatHaveATokenFile() {
        given().get("/console/demo-users").then().statusCode(200).body("roles", contains("planner"));
    }

    @Test
    void shouldHandOutADemoTokenThatTheApiAccepts() {
        String token = given().get("/console/demo-users/planner/token").then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("role", equalTo("planner")).extract().path("token");
        given().auth().oauth2(token).get("/api/v1/plans").then().statusCode(200);
    }

    @Test
    void shouldNeverHandOutTheServiceToken() {
        given().get("/console/demo-users/service/token").then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("detail", not(containsString("eyJ")));
        given().get("/console/demo-users").then().body("roles", not(hasItem("service")));
    }

    @Test
    void shouldAnswer404ForUnknownOrMissingDemoUsers() {
        given().get("/console/demo-users/approver/token").then().statusCode(404);
        given().get("/console/demo-users/..%2Fservice/token").then().statusCode(404);
    }

    @Test
    void shouldKeepConsoleApiBehindAuthentication() {
        given().get("/api/v1/console/users").then().statusCode(401);
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/console/users?q=zz-nobody").then().statusCode(200)
                .body("size()", equalTo(0));
        given().auth().oauth2(TestTokens.forUser("planbridge-service", "service")).get("/api/v1/console/users")
                .then().statusCode(403);
    }
}
