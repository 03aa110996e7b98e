package dev.planbridge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.ChangeSource;
import dev.planbridge.contracts.feed.Operation;
import dev.planbridge.contracts.plan.PlanApproved;
import dev.planbridge.contracts.plan.PlanElement;
import dev.planbridge.contracts.sync.PushOutcome;
import dev.planbridge.contracts.sync.SyncCompleted;
import dev.planbridge.contracts.sync.SyncConflict;
import dev.planbridge.contracts.sync.SyncProgress;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractsJsonTest {

    private static final Instant MODSTAMP = Instant.parse("2026-11-29T10:15:30.123Z");

    @Test
    void changeEventUsesDebeziumEnvelopeNames() throws Exception {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("OwnerId", "005000000000001AAA");
        before.put("Industry", null);
        Map<String, Object> after = Map.of("OwnerId", "005000000000002AAA");
        ChangeEvent event = new ChangeEvent(ChangeEvent.SCHEMA_VERSION,
                ChangeEvent.eventIdOf("Account", "001000000000001AAA", MODSTAMP.toEpochMilli(), Operation.UPDATE),
                "001000000000001AAA", "Account", Operation.UPDATE, before, after, List.of("OwnerId"),
                new ChangeSource("00D000000000001AAA", MODSTAMP, "005000000000009AAA", "Rita Rep",
                        ChangeSource.ORIGIN_CRM, null, false),
                1_700_000_000_000L);

        String json = ContractsJson.write(event);
        JsonNode tree = ContractsJson.mapper().readTree(json);

        assertEquals("u", tree.get("op").asText());
        assertEquals(1_700_000_000_000L, tree.get("ts_ms").asLong());
        assertEquals("2026-11-29T10:15:30.123Z", tree.at("/source/systemModstamp").asText());
        assertTrue(tree.get("before").has("Industry"), "null fields stay visible in images");
        assertTrue(tree.get("source").get("pushId") == null, "pushId is omitted when unknown");
        assertEquals(event, ContractsJson.read(json, ChangeEvent.class));
    }

    @Test
    void eventIdIsDeterministicPerChange() {
        String a = ChangeEvent.eventIdOf("Account", "001A", 10L, Operation.UPDATE);
        assertEquals(a, ChangeEvent.eventIdOf("Account", "001A", 10L, Operation.UPDATE));
        assertNotEquals(a, ChangeEvent.eventIdOf("Account", "001A", 11L, Operation.UPDATE));
        assertNotEquals(a, ChangeEvent.eventIdOf("Account", "001A", 10L, Operation.DELETE));
    }

    @Test
    void unknownOperationIsRejectedWithItsCode() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ContractsJson.read("{\"op\":\"x\"}", ChangeEvent.class));
        assertTrue(error.getMessage().contains("ChangeEvent"), error.getMessage());
    }

    @Test
    void readersIgnoreFieldsAddedByNewerProducers() {
        String json = "{\"schemaVersion\":1,\"planId\":\"p1\",\"version\":3,\"addedLater\":true}";
        PlanApproved approved = ContractsJson.read(json, PlanApproved.class);
        assertEquals("p1", approved.planId());
        assertEquals(3, approved.version());
    }

    @Test
    void planApprovedRoundTrips() {
        PlanApproved approved = new PlanApproved(PlanApproved.SCHEMA_VERSION, "e1", "p1", "FY27", 4, "abc",
                "alice", MODSTAMP, "/api/v1/plans/p1/desired-state", true);
        assertEquals(approved, ContractsJson.read(ContractsJson.write(approved), PlanApproved.class));
    }

    @Test
    void planElementsCarryTheirKind() throws Exception {
        List<PlanElement> lines = List.of(
                new PlanElement.Header(1, "p1", "FY27", 2, "abc", MODSTAMP, MODSTAMP, LocalDate.of(2027, 2, 1),
                        1, 1, 1, 1),
                new PlanElement.TerritoryType("Named", "Named accounts", 10),
                new PlanElement.Territory("EMEA_North", "EMEA North", "Named", "EMEA", 4, null),
                new PlanElement.UserAssignment("EMEA_North", "005A", "Owner", LocalDate.of(2027, 2, 1), null,
                        new BigDecimal("100")),
                new PlanElement.Account("001A", "Acme", List.of("EMEA_North"), "005A", "005B", MODSTAMP, "rule:7"),
                new PlanElement.Quota("005A", "EMEA_North", LocalDate.of(2027, 2, 1), "Quarter",
                        new BigDecimal("250000.00"), null, "OpportunityRevenue", null, null));
        for (PlanElement line : lines) {
            String json = ContractsJson.write(line);
            assertTrue(ContractsJson.mapper().readTree(json).has("kind"), json);
            assertEquals(line, ContractsJson.read(json, PlanElement.class));
        }
        assertEquals("account",
                ContractsJson.mapper().readTree(ContractsJson.write(lines.get(4))).get("kind").asText());
    }

    @Test
    void syncEventsRoundTrip() {
        SyncProgress progress = new SyncProgress(1, "push1", "p1", "WRITING", "Account", 400, 1000, 380, 10, 5, 5,
                3, MODSTAMP);
        SyncConflict conflict = new SyncConflict(1, "c1", "push1", "p1", "Account", "001A", "001A", "OwnerId",
                "005B", "005A", "005C", "005C", "Carl Crm", MODSTAMP);
        SyncCompleted completed = new SyncCompleted(1, "e2", "push1", "p1", 4, "apply", PushOutcome.PARTIALLY_SYNCED,
                1000, 900, 90, 10, 0, 12, MODSTAMP, MODSTAMP.plusSeconds(9));
        assertEquals(progress, ContractsJson.read(ContractsJson.write(progress), SyncProgress.class));
        assertEquals(conflict, ContractsJson.read(ContractsJson.write(conflict), SyncConflict.class));
        assertEquals(completed, ContractsJson.read(ContractsJson.write(completed), SyncCompleted.class));
    }

    @Test
    void topicNamesFollowTheConvention() {
        assertEquals("crm.account.changes", Topics.changes("Account"));
        assertEquals("crm.objectterritory2association.state", Topics.state("ObjectTerritory2Association"));
    }
}
