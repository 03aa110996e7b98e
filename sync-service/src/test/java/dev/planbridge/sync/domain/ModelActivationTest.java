package dev.planbridge.sync.domain;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Activating a plan's model against an in-memory CRM: preview, request once, re-create quotas that still apply. */
class ModelActivationTest {

    private static final String REP = "005000000000REP1AA";
    private static final String GONE = "005000000000GONEAA";
    private static final String REVENUE = "0Db000000000REVAAA";

    private FakeCrm crm;
    private ModelActivation activation;
    private String fy26;
    private String fy27;
    private String fy27West;

    @BeforeEach
    void orgWithAnActiveAndAPlanningModel() throws Exception {
        crm = new FakeCrm();
        activation = new ModelActivation(crm);
        fy26 = create(SObjectType.TERRITORY2_MODEL, Map.of("DeveloperName", "FY26", "Name", "FY26", "State", "Active"));
        fy27 = create(SObjectType.TERRITORY2_MODEL, Map.of("DeveloperName", "FY27", "Name", "FY27", "State", "Planning"));
        String fy26West = create(SObjectType.TERRITORY2, Map.of("DeveloperName", "West", "Territory2ModelId", fy26));
        String fy26East = create(SObjectType.TERRITORY2, Map.of("DeveloperName", "East", "Territory2ModelId", fy26));
        fy27West = create(SObjectType.TERRITORY2, Map.of("DeveloperName", "West", "Territory2ModelId", fy27));
        quota(REP, fy26West, "2026-10-01", "900");
        quota(GONE, fy26West, "2026-10-01", "500");
        quota(REP, fy26East, "2026-10-01", "700");
        quota(REP, fy26West, "2025-01-01", "100");
        create(SObjectType.USER_TERRITORY2_ASSOCIATION, Map.of("UserId", REP, "Territory2Id", fy27West));
        quota("005000000000OTHRAA", fy27West, "2026-10-01", "300"); // the new plan covers the Q4 FY26 period
    }

    @Test
    void shouldListTheQuotasTheArchiveOfTheActiveModelWillDelete() throws Exception {
        ModelActivation.Preview preview = activation.preview("FY27");

        assertEquals(fy27, preview.target().id());
        assertEquals(fy26, preview.current().id());
        assertEquals(4, preview.quotas().size());
        assertTrue(preview.quotas().stream().allMatch(q -> List.of("West", "East").contains(q.territoryDeveloperName())));
    }

    @Test
    void shouldRequestActivationOnceAndRefuseAnArchivedOrMissingModel() throws Exception {
        ModelActivation.Preview preview = activation.preview("FY27");
        activation.requestActivation(preview.target());
        assertEquals("Active", activation.stateOf(fy27), "FakeCrm stores what it is told");
        int writes = crm.writeCalls;
        activation.requestActivation(activation.preview("FY27").target());
        assertEquals(writes, crm.writeCalls, "a second run does not ask again");

        crm.records.get(fy26).put("State", "Archived");
        assertEquals("MODEL_NOT_ACTIVATABLE", assertThrows(ModelActivation.Rejected.class,
                () -> activation.preview("FY26")).code());
        assertEquals("MODEL_NOT_FOUND", assertThrows(ModelActivation.Rejected.class,
                () -> activation.preview("FY99")).code());
    }

    @Test
    void shouldRecreateOnlyQuotasWhoseTerritoryOwnerAndPeriodTheNewModelCarries() throws Exception {
        List<QuotaCarryOver.SavedQuota> saved = activation.preview("FY27").quotas();

        List<QuotaCarryOver.Recreate> created = activation.recreate(fy27, saved);

        assertEquals(1, created.size(), created.toString());
        assertEquals(REP, created.get(0).source().ownerId());
        assertEquals("900", created.get(0).source().amount());
        assertEquals(fy27West, created.get(0).territoryId());
        assertEquals(List.of(), activation.recreate(fy27, saved), "running it again creates nothing twice");
    }

    @Test
    void shouldHaveNothingToArchiveInAFirstActivation() throws Exception {
        crm.records.get(fy26).put("State", "Planning");
        ModelActivation.Preview preview = activation.preview("FY27");
        assertNull(preview.current());
        assertEquals(List.of(), preview.quotas());
    }

    private String create(SObjectType type, Map<String, String> values) throws Exception {
        return crm.create(type, List.of(values)).get(0).id();
    }

    private void quota(String owner, String territory, String start, String amount) throws Exception {
        create(SObjectType.FORECASTING_QUOTA, Map.of("QuotaOwnerId", owner, "Territory2Id", territory, "StartDate",
                start, "QuotaAmount", amount, "ForecastingTypeId", REVENUE));
    }
}
