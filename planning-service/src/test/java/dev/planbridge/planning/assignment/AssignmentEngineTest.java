package dev.planbridge.planning.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.planning.crm.AccountFieldCatalog;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssignmentEngineTest {

    static AccountFacts account(String id, String country, String state, String postal, String industry,
                                Integer employees, long revenue, String segment) {
        return new AccountFacts(id, "Acme " + id, "005A", country, state, postal, industry, employees,
                BigDecimal.valueOf(revenue), segment, null);
    }

    static RuleItem item(String field, String operation, String value) {
        return new RuleItem(field, operation, value);
    }

    static RuleCriteria countries(String values) {
        return RuleCriteria.allOf(item("BillingCountry", "within", values));
    }

    static boolean matches(RuleCriteria criteria, AccountFacts account) {
        return CompiledCriteria.compile(criteria, AccountFieldCatalog.standard()).matches(account);
    }

    final AccountFacts californianBank = account("001A", "US", "CA", "94105", "Banking", 5000, 2_000_000_000L, "Enterprise");

    @Test
    void shouldPlaceAccountByFirstMatchingRuleInPositionOrder() {
        AssignmentEngine engine = new AssignmentEngine(List.of(
                new RuleDefinition(2, "all US", 20, "US_ALL", countries("US")),
                new RuleDefinition(1, "west", 10, "US_WEST", RuleCriteria.allOf(item("BillingState", "within", "CA;WA")))));

        Assignment result = engine.assign(californianBank, null, null, Set.of());

        assertEquals("US_WEST", result.territoryKey());
        assertEquals(Assignment.Source.RULE, result.source());
        assertEquals("rule:1", result.assignedBy());
    }

    @Test
    void shouldLetOverrideWinOverMatchingRules() {
        AssignmentEngine engine = new AssignmentEngine(List.of(new RuleDefinition(1, "all US", 1, "US_ALL", countries("US"))));

        Assignment result = engine.explain(californianBank, "STRATEGIC", "CEO relationship", Set.of());

        assertEquals("STRATEGIC", result.territoryKey());
        assertEquals("override:001A", result.assignedBy());
        assertTrue(result.explanation().get(0).contains("CEO relationship"));
    }

    @Test
    void shouldSkipExcludedTerritoryAndFallThroughToNextRule() {
        AssignmentEngine engine = new AssignmentEngine(List.of(
                new RuleDefinition(1, "west", 1, "US_WEST", countries("US")),
                new RuleDefinition(2, "catch-all", 2, "US_ALL", new RuleCriteria(List.of(), null))));

        Assignment result = engine.explain(californianBank, null, null, Set.of("US_WEST"));

        assertEquals("US_ALL", result.territoryKey());
        assertTrue(result.explanation().get(0).contains("excluded"));
    }

    @Test
    void shouldExplainWhichItemsMatchedWhenNoRulePlacesTheAccount() {
        AssignmentEngine engine = new AssignmentEngine(List.of(new RuleDefinition(1, "DACH banks", 1, "DACH",
                RuleCriteria.allOf(item("Industry", "equals", "banking"), item("BillingCountry", "within", "DE;AT")))));

        Assignment result = engine.explain(californianBank, null, null, Set.of());

        assertNull(result.territoryKey());
        assertEquals("unassigned", result.assignedBy());
        assertEquals(List.of("rule 1 'DACH banks' does not match: 1 Industry equals banking: yes (is 'Banking'); "
                + "2 BillingCountry within DE;AT: no (is 'US')", "no rule matches"), result.explanation());
    }

    @Test
    void shouldCombineItemsWithTheBooleanFilter() {
        RuleCriteria bigOrBanking = new RuleCriteria(List.of(item("BillingCountry", "equals", "US"),
                item("NumberOfEmployees", "greaterOrEqual", "10000"), item("Industry", "equals", "Banking")),
                "1 AND (2 OR 3)");

        assertTrue(matches(bigOrBanking, californianBank));
        assertTrue(matches(bigOrBanking, account("001B", "US", "TX", "73301", "Retail", 20_000, 1, "SMB")));
        assertFalse(matches(bigOrBanking, account("001C", "US", "TX", "73301", "Retail", 50, 1, "SMB")));
        assertFalse(matches(bigOrBanking, account("001D", "DE", null, "10115", "Banking", 50, 1, "SMB")));
    }

    @Test
    void shouldCompareNumbersByValueAndNeverMatchEmptyNumbersWithComparisons() {
        RuleCriteria midSized = RuleCriteria.allOf(item("NumberOfEmployees", "greaterThan", "999"),
                item("AnnualRevenue", "lessOrEqual", "2000000000.00"));

        assertTrue(matches(midSized, californianBank));
        assertFalse(matches(midSized, account("001E", "US", "CA", "94105", "Banking", 999, 1, "SMB")));
        assertFalse(matches(midSized, account("001F", "US", "CA", "94105", "Banking", null, 1, "SMB")));
    }

    @Test
    void shouldTreatTextCaseInsensitivelyAndLetNegativeOperationsHoldForEmptyFields() {
        AccountFacts noIndustry = account("001G", "GB", null, "SW1A 1AA", null, 10, 1, null);

        assertTrue(matches(RuleCriteria.allOf(item("BillingPostalCode", "startsWith", "sw1;ec1")), noIndustry));
        assertTrue(matches(RuleCriteria.allOf(item("Industry", "notEqual", "Banking")), noIndustry));
        assertTrue(matches(RuleCriteria.allOf(item("Industry", "notContain", "bank")), noIndustry));
        assertFalse(matches(RuleCriteria.allOf(item("Industry", "contains", "bank")), noIndustry));
        assertTrue(matches(RuleCriteria.allOf(item("Industry", "equals", "")), noIndustry));
        assertTrue(matches(RuleCriteria.allOf(item("Name", "contains", "ACME")), noIndustry));
        assertTrue(matches(RuleCriteria.allOf(item("BillingPostalCode", "greaterOrEqual", "94000"),
                item("BillingPostalCode", "lessOrEqual", "94999")), californianBank));
    }

    @Test
    void shouldMatchParentAccount() {
        RuleCriteria children = RuleCriteria.allOf(item("ParentId", "within", "001PARENT;001OTHER"));
        AccountFacts child = new AccountFacts("001K", "k", null, "US", null, null, null, null, null, null, "001PARENT");

        assertTrue(matches(children, child));
        assertFalse(matches(children, californianBank));
    }

    @Test
    void shouldKeepRuleOnFieldMissingFromCatalogAsBrokenAndNeverPlaceWithIt() {
        // a field known to the describe today may leave the org later: the rule must show as broken, not match
        AccountFieldCatalog catalog = AccountFieldCatalog.standard();
        RuleDefinition onUnknown = new RuleDefinition(7, "tier A", 1, "TIER_A",
                RuleCriteria.allOf(item("Tier__c", "equals", "A")));
        AssignmentEngine engine = new AssignmentEngine(List.of(onUnknown, new RuleDefinition(8, "US", 2, "US_ALL",
                countries("US"))), catalog);

        Assignment result = engine.explain(californianBank, null, null, Set.of());

        assertEquals("US_ALL", result.territoryKey());
        assertTrue(engine.brokenRules().get(7L).startsWith("items[1].field: unknown Account field 'Tier__c'"));
        assertTrue(result.explanation().get(0).contains("is broken"));
    }
}
