package dev.planbridge.planning.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotaBaselinesTest {

    static final LocalDate Q1 = LocalDate.parse("2026-02-01");
    static final LocalDate Q2 = LocalDate.parse("2026-05-01");

    static QuotaBaselines.CrmQuota quota(String id, String owner, String territory, LocalDate start, String type, long amount) {
        return new QuotaBaselines.CrmQuota(id, owner, territory, start, type, BigDecimal.valueOf(amount), null);
    }

    @Test
    void shouldMatchOwnerPeriodAndTerritoryWhenTheOrgHasOneForecastingType() {
        QuotaBaselines baselines = new QuotaBaselines(List.of(quota("0J9A", "005ANN", "NA_WEST", Q1, "0Db1", 500),
                quota("0J9B", "005ANN", null, Q1, "0Db1", 700)), Map.of());

        assertEquals("0J9A", baselines.find("005ANN", "NA_WEST", Q1, "OpportunityRevenue").orElseThrow().quotaId());
        assertEquals("0J9B", baselines.find("005ANN", null, Q1, "OpportunityRevenue").orElseThrow().quotaId());
        assertTrue(baselines.find("005ANN", "NA_WEST", Q2, "OpportunityRevenue").isEmpty(), "other period");
        assertTrue(baselines.find("005BOB", "NA_WEST", Q1, "OpportunityRevenue").isEmpty(), "other owner");
        assertTrue(baselines.find("005ANN", "NA_EAST", Q1, "OpportunityRevenue").isEmpty(), "other territory");
    }

    @Test
    void shouldNeedTheTypeMapWhenTheOrgUsesSeveralForecastingTypes() {
        List<QuotaBaselines.CrmQuota> crm = List.of(quota("0J9A", "005ANN", null, Q1, "0Db1", 500),
                quota("0J9B", "005ANN", null, Q1, "0Db2", 40));

        assertTrue(new QuotaBaselines(crm, Map.of()).find("005ANN", null, Q1, "OpportunityRevenue").isEmpty(),
                "two types and no map: no guess");
        QuotaBaselines mapped = new QuotaBaselines(crm, Map.of("OpportunityRevenue", "0Db1", "OpportunityQuantity", "0Db2"));
        assertEquals("0J9A", mapped.find("005ANN", null, Q1, "OpportunityRevenue").orElseThrow().quotaId());
        assertEquals("0J9B", mapped.find("005ANN", null, Q1, "OpportunityQuantity").orElseThrow().quotaId());
    }

    @Test
    void shouldReadTheTypeIdSettingAndRefuseMalformedPairs() {
        assertEquals(Map.of("OpportunityRevenue", "0Db1", "Custom", "0Db2"),
                QuotaBaselines.parseTypeIds(" OpportunityRevenue = 0Db1 ,Custom=0Db2"));
        assertEquals(Map.of(), QuotaBaselines.parseTypeIds(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuotaBaselines.parseTypeIds("OpportunityRevenue"));
        assertTrue(e.getMessage().contains("DeveloperName=Id"), e.getMessage());
    }
}
