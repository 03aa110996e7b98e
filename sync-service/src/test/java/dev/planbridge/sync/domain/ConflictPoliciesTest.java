package dev.planbridge.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConflictPoliciesTest {

    @Test
    void shouldFlagEverythingByDefault() {
        assertEquals(ConflictPolicy.FLAG, ConflictPolicies.of(Map.of()).policyFor(SObjectType.ACCOUNT, "OwnerId"));
        assertEquals(ConflictPolicy.FLAG, ConflictPolicies.of(null).policyFor(SObjectType.TERRITORY2, "Name"));
    }

    @Test
    void shouldPreferFieldOverObjectOverDefault() {
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put("default", "crm-wins");
        spec.put("Account", "FLAG");
        spec.put("account.OwnerId", "plan_wins");
        ConflictPolicies policies = ConflictPolicies.of(spec);
        assertEquals(ConflictPolicy.PLAN_WINS, policies.policyFor(SObjectType.ACCOUNT, "OwnerId"));
        assertEquals(ConflictPolicy.FLAG, policies.policyFor(SObjectType.ACCOUNT, "Name"));
        assertEquals(ConflictPolicy.CRM_WINS, policies.policyFor(SObjectType.FORECASTING_QUOTA, "QuotaAmount"));
    }

    @Test
    void shouldRejectUnknownObjectsAndPolicies() {
        IllegalArgumentException object = assertThrows(IllegalArgumentException.class,
                () -> ConflictPolicies.of(Map.of("Acount.OwnerId", "FLAG")));
        assertTrue(object.getMessage().contains("Acount"));
        IllegalArgumentException policy = assertThrows(IllegalArgumentException.class,
                () -> ConflictPolicies.of(Map.of("Account", "OVERWRITE")));
        assertTrue(policy.getMessage().contains("OVERWRITE"));
    }

    @Test
    void shouldRoundTripThroughItsSpec() {
        ConflictPolicies policies = ConflictPolicies.of(Map.of("ForecastingQuota.QuotaAmount", "PLAN_WINS"));
        ConflictPolicies again = ConflictPolicies.of(policies.asSpec());
        assertEquals(ConflictPolicy.PLAN_WINS, again.policyFor(SObjectType.FORECASTING_QUOTA, "QuotaAmount"));
        assertEquals(ConflictPolicy.FLAG, again.policyFor(SObjectType.FORECASTING_QUOTA, "QuotaQuantity"));
    }
}
