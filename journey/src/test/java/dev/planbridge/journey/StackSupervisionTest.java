package dev.planbridge.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectorConfig;
import dev.planbridge.localstack.StackProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of a service in a running stack, as a crash would: the launcher's supervisor starts it again within
 * 10 s, the new instance becomes ready, and the change feed carries on where the killed one stopped — a CRM change made
 * just before the kill and one made after the restart are each published exactly once.
 * <p>Break it on purpose: make {@code Supervisor.checkOnce} return without relaunching, and the test fails waiting for
 * the new process.
 */
class StackSupervisionTest {

    private static final Duration RELAUNCH_WITHIN = Duration.ofSeconds(10);
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final FullStack stack = FullStack.shared();

    @Test
    void shouldRestartAKilledChangeFeedAndPublishEveryChangeOnce() throws Exception {
        await("the change feed's initial snapshot", Duration.ofMinutes(5), this::snapshotDone);
        PartnerConnection salesforce = salesforce();
        String accountId = salesforce.query("SELECT Id FROM Account ORDER BY Name LIMIT 1").getRecords()[0].getId();
        int beforeKill = 700_001;
        int afterRestart = 700_002;
        long killed = stack.pid(StackProcess.CHANGE_FEED_SERVICE);

        setEmployees(salesforce, accountId, beforeKill);
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();   // SIGKILL: no shutdown hook, no flush

        await("a new change-feed-service process", RELAUNCH_WITHIN, () -> {
            long now = stack.pid(StackProcess.CHANGE_FEED_SERVICE);
            return now != killed && ProcessHandle.of(now).map(ProcessHandle::isAlive).orElse(false);
        });
        await("the restarted change feed to be ready", READY_WITHIN,
                () -> status(stack.changeFeedUrl().resolve("q/health/ready")) == 200);
        // The change made just before the kill: published by one of the two instances, never lost. (Waiting for it
        // before the next edit keeps the polling fold out of the test: two versions read in one poll are one event.)
        await("the change made before the kill on the feed", Duration.ofMinutes(2),
                () -> employeeValues(accountId).contains(beforeKill), () -> "published so far: " + employeeValues(accountId));
        setEmployees(salesforce, accountId, afterRestart);

        await("the change made after the restart on the feed", Duration.ofMinutes(2),
                () -> employeeValues(accountId).contains(afterRestart),
                () -> "published so far: " + employeeValues(accountId));
        List<Integer> published = employeeValues(accountId);
        assertEquals(1, published.stream().filter(v -> v == beforeKill).count(), "published once: " + published);
        assertEquals(1, published.stream().filter(v -> v == afterRestart).count(), "published once: " + published);
        assertTrue(stack.launcherOutput().contains("change-feed-service stopped unexpectedly (exit code 137)"),
                stack.launcherOutput());
    }

    private PartnerConnection salesforce() throws Exception {
        ConnectorConfig config = new ConnectorConfig();
        config.setAuthEndpoint(stack.soapLoginUrl());
        config.setUsername("admin@planbridge.demo");
        config.setPassword("planbridge-demo");
        return Connector.newConnection(config);
    }

    private static void setEmployees(PartnerConnection salesforce, String accountId, int employees) throws Exception {
        SObject account = new SObject("Account");
        account.setId(accountId);
        account.setField("NumberOfEmployees", employees);
        SaveResult result = salesforce.update(new SObject[] {account})[0];
        assertTrue(result.isSuccess(), "the CRM took the update");
    }

    /** The NumberOfEmployees values the feed published for the account, one per event. */
    private List<Integer> employeeValues(String accountId) {
        JsonNode page = get(stack.changeFeedUrl().resolve("api/v1/feed/changes?object=Account&field=NumberOfEmployees"
                + "&size=1000&ids=" + accountId));
        List<Integer> values = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            // Images carry values as the SOAP API gives them: numbers may arrive as text.
            JsonNode after = item.path("event").path("after").path("NumberOfEmployees");
            if (after.isNumber() || after.isTextual() && after.asText().matches("\\d+(\\.0+)?")) {
                values.add((int) Double.parseDouble(after.asText()));
            }
        }
        return values;
    }

    private boolean snapshotDone() {
        JsonNode status = get(stack.changeFeedUrl().resolve("api/v1/feed/status"));
        boolean done = status.isArray() && !status.isEmpty();
        for (JsonNode object : status) {
            done &= object.path("snapshotDone").asBoolean();
        }
        return done;
    }

    private JsonNode get(URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + stack.token("viewer")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.nullNode();
        } catch (java.io.IOException e) {
            return JSON.nullNode();   // the service is between instances
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        await(what, timeout, condition, () -> "");
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Waited " + timeout.toSeconds() + " s for " + what + " " + state.get());
            }
            Thread.sleep(200);
        }
    }
}
