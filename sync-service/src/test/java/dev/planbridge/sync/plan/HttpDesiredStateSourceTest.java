package dev.planbridge.sync.plan;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.planbridge.sync.domain.DesiredPlan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpDesiredStateSourceTest {

    static WireMockServer planning;
    static final String TYPE = "{\"kind\":\"territoryType\",\"key\":\"Region\",\"label\":\"Region\",\"priority\":1}";
    static final String TERRITORY = "{\"kind\":\"territory\",\"key\":\"EMEA\",\"name\":\"Europe\",\"typeKey\":\"Region\","
            + "\"parentKey\":null,\"headcountCapacity\":null,\"ownerUserId\":null}";

    @BeforeAll
    static void start() {
        planning = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        planning.start();
    }

    @AfterAll
    static void stop() {
        planning.stop();
    }

    static String checksum(String... lines) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (String line : lines) {
            digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String header(String checksum) {
        return "{\"kind\":\"header\",\"schemaVersion\":1,\"planId\":\"p1\",\"planName\":\"FY27\",\"version\":2,"
                + "\"checksum\":\"" + checksum + "\",\"territoryCount\":1}";
    }

    HttpDesiredStateSource source() {
        return new HttpDesiredStateSource(new PlanningConfig() {
            public String url() {
                return planning.baseUrl();
            }

            public Optional<String> token() {
                return Optional.of("svc-token");
            }

            public Duration connectTimeout() {
                return Duration.ofSeconds(2);
            }

            public Duration readTimeout() {
                return Duration.ofSeconds(5);
            }
        });
    }

    void serve(String planId, String body) {
        planning.stubFor(get(urlEqualTo("/api/v1/plans/" + planId + "/desired-state"))
                .withHeader("Authorization", equalTo("Bearer svc-token"))
                .willReturn(aResponse().withStatus(200).withBody(body)));
    }

    @Test
    void shouldReadAndVerifyTheDesiredStateStream() throws Exception {
        String sum = checksum(TYPE, TERRITORY);
        serve("p1", header(sum) + "\n" + TYPE + "\n" + TERRITORY + "\n");
        DesiredPlan plan = source().read("p1", sum);
        assertEquals(1, plan.types().size());
        assertEquals("EMEA", plan.territories().get(0).key());
        assertEquals(2, plan.header().version());
    }

    @Test
    void shouldRejectATruncatedOrChangedStream() throws Exception {
        serve("p2", header(checksum(TYPE, TERRITORY)) + "\n" + TYPE + "\n");
        DesiredPlan.InvalidPlanException e = assertThrows(DesiredPlan.InvalidPlanException.class,
                () -> source().read("p2", null));
        assertTrue(e.getMessage().contains("checksum"));
    }

    @Test
    void shouldRejectAPlanThatIsNotTheApprovedVersion() throws Exception {
        String sum = checksum(TYPE);
        serve("p3", header(sum) + "\n" + TYPE + "\n");
        assertThrows(DesiredPlan.InvalidPlanException.class, () -> source().read("p3", "0".repeat(64)));
    }

    @Test
    void shouldReportAnOutageAsUnavailableSoThePushWaits() {
        planning.stubFor(get(urlEqualTo("/api/v1/plans/down/desired-state")).willReturn(aResponse().withStatus(503)));
        planning.stubFor(get(urlEqualTo("/api/v1/plans/reset/desired-state"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThrows(DesiredStateSource.PlanUnavailableException.class, () -> source().read("down", null));
        assertThrows(DesiredStateSource.PlanUnavailableException.class, () -> source().read("reset", null));
    }

    @Test
    void shouldReportAMissingPlanAndGarbageLinesClearly() throws Exception {
        planning.stubFor(get(urlEqualTo("/api/v1/plans/none/desired-state")).willReturn(aResponse().withStatus(404)));
        assertTrue(assertThrows(DesiredPlan.InvalidPlanException.class, () -> source().read("none", null))
                .getMessage().contains("no plan none"));
        serve("junk", header(checksum("{oops")) + "\n{oops\n");
        assertTrue(assertThrows(DesiredPlan.InvalidPlanException.class, () -> source().read("junk", null))
                .getMessage().contains("Line 2"));
    }
}
