package dev.planbridge.sync.plan;

import dev.planbridge.sync.domain.DesiredPlan;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Streams {@code GET /api/v1/plans/{id}/desired-state} from the planning service. */
@ApplicationScoped
public class HttpDesiredStateSource implements DesiredStateSource {

    private final PlanningConfig config;
    private final HttpClient client;

    public HttpDesiredStateSource(PlanningConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    @Override
    public DesiredPlan read(String planId, String expectedChecksum) {
        URI uri = URI.create(config.url().replaceAll("/+$", "") + "/api/v1/plans/"
                + URLEncoder.encode(planId, StandardCharsets.UTF_8).replace("+", "%20") + "/desired-state");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.readTimeout())
                .header("Accept", "application/x-ndjson").GET();
        config.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status == 404) {
                    throw new DesiredPlan.InvalidPlanException("The planning service has no plan " + planId);
                }
                if (status >= 500 || status == 429) {
                    throw new PlanUnavailableException("The planning service answered " + status + " for plan " + planId, null);
                }
                if (status != 200) {
                    throw new DesiredPlan.InvalidPlanException("The planning service refused the desired state of plan "
                            + planId + " with status " + status);
                }
                return NdjsonPlanReader.read(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)),
                        expectedChecksum);
            }
        } catch (IOException e) {
            throw new PlanUnavailableException("Cannot read the desired state of plan " + planId + " from "
                    + config.url() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlanUnavailableException("Interrupted while reading plan " + planId, e);
        }
    }
}
