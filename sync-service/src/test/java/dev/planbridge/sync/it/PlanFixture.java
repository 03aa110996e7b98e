package dev.planbridge.sync.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.plan.PlanElement;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.testkit.SalesforceEmulatorResource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds a plan from the emulator's org and serves it as the planning service would (NDJSON + checksum). */
final class PlanFixture {

    final String planId = "it-" + UUID.randomUUID().toString().substring(0, 8);
    final List<PlanElement> elements = new ArrayList<>();
    final List<String> accounts = new ArrayList<>();
    final List<String> reps = new ArrayList<>();
    final List<String> baselineOwners = new ArrayList<>();
    final String tag;
    final String typeKey;
    final String east;
    final String west;
    final String root;

    /** @param firstAccount where this plan's slice of the shared org's accounts starts (tests must not overlap) */
    PlanFixture(int firstAccount, int accountCount, int typePriority) {
        this(firstAccount, accountCount, typePriority, null);
    }

    /** @param tagOf another fixture whose type and territory keys this plan reuses (a later plan of the same org), or null */
    PlanFixture(int firstAccount, int accountCount, int typePriority, PlanFixture tagOf) {
        SalesforceEmulator emulator = SalesforceEmulatorResource.emulator();
        for (Map<String, Object> user : emulator.org().records("User")) {
            if (Boolean.TRUE.equals(user.get("IsActive")) && !String.valueOf(user.get("Username")).startsWith("sync@")
                    && !String.valueOf(user.get("Username")).startsWith("admin@") && reps.size() < 3) {
                reps.add((String) user.get("Id"));
            }
        }
        String tag = tagOf != null ? tagOf.tag : planId.substring(3).toUpperCase();
        this.tag = tag;
        typeKey = "PB_T_" + tag;
        root = "PB_ROOT_" + tag;
        east = "PB_EAST_" + tag;
        west = "PB_WEST_" + tag;
        elements.add(new PlanElement.TerritoryType(typeKey, "Planbridge " + tag, typePriority));
        elements.add(new PlanElement.Territory(root, "Root " + tag, typeKey, null, null, reps.get(0)));
        elements.add(new PlanElement.Territory(east, "East " + tag, typeKey, root, 3, reps.get(0)));
        elements.add(new PlanElement.Territory(west, "West " + tag, typeKey, root, 3, reps.get(1)));
        elements.add(new PlanElement.UserAssignment(east, reps.get(0), "Owner", null, null, null));
        elements.add(new PlanElement.UserAssignment(west, reps.get(1), "Owner", null, null, null));
        elements.add(new PlanElement.UserAssignment(east, reps.get(2), "Sales Rep", null, null, null));
        List<Map<String, Object>> all = emulator.org().records("Account");
        for (int i = 0; i < accountCount; i++) {
            Map<String, Object> account = all.get(firstAccount + i);
            String id = (String) account.get("Id");
            accounts.add(id);
            baselineOwners.add((String) account.get("OwnerId"));
            boolean isEast = i % 2 == 0;
            elements.add(new PlanElement.Account(id, (String) account.get("Name"), List.of(isEast ? east : west),
                    reps.get(isEast ? 0 : 1), (String) account.get("OwnerId"), null, "rule:" + (isEast ? "east" : "west")));
        }
        elements.add(new PlanElement.Quota(reps.get(0), east, LocalDate.of(2027, 1, 1), "Quarter",
                new BigDecimal("250000"), null, "OpportunityRevenue", null, null));
        elements.add(new PlanElement.Quota(reps.get(1), west, LocalDate.of(2027, 1, 1), "Quarter",
                new BigDecimal("200000"), null, "OpportunityRevenue", null, null));
    }

    /** Serves the plan at the planning stub; returns its checksum. */
    String serve() throws Exception {
        return serve(planId, elements, accounts.size());
    }

    /** Serves {@code elements} as the desired state of {@code planId} (header first); returns the checksum. */
    static String serve(String planId, List<PlanElement> elements, int accountCount) throws Exception {
        StringBuilder body = new StringBuilder();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        List<String> lines = new ArrayList<>();
        for (PlanElement element : elements) {
            String line = ContractsJson.mapper().writerFor(PlanElement.class).writeValueAsString(element);
            lines.add(line);
            digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String checksum = HexFormat.of().formatHex(digest.digest());
        PlanElement.Header header = new PlanElement.Header(1, planId, "IT plan " + planId, 1, checksum,
                Instant.now(), Instant.now(), LocalDate.of(2027, 1, 1), 3, accountCount, 3, 2);
        body.append(ContractsJson.mapper().writerFor(PlanElement.class).writeValueAsString(header)).append('\n');
        lines.forEach(line -> body.append(line).append('\n'));
        PlanningStubResource.server().stubFor(get(urlEqualTo("/api/v1/plans/" + planId + "/desired-state"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-ndjson")
                        .withBody(body.toString())));
        return checksum;
    }
}
