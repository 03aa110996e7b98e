package dev.planbridge.sync.it;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** REST calls of the tests. */
final class PushApi {

    private PushApi() {
    }

    static String start(String token, String planId, String mode, List<String> scope, Map<String, String> policies) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("planId", planId, "mode", mode, "scope", scope, "policies", policies))
                .when().post("/api/v1/pushes")
                .then().statusCode(202).extract().path("id");
    }

    static JsonPath awaitFinished(String token, String pushId, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonPath push = given().auth().oauth2(token).when().get("/api/v1/pushes/" + pushId)
                    .then().statusCode(200).extract().jsonPath();
            String status = push.getString("status");
            if ("COMPLETED".equals(status) || "FAILED".equals(status)) {
                return push;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Push " + pushId + " did not finish within " + timeout);
    }
}
