package dev.planbridge.planning.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.planbridge.planning.assignment.AccountFacts;
import dev.planbridge.planning.assignment.RuleCriteria;
import dev.planbridge.planning.assignment.RuleItem;
import dev.planbridge.planning.crm.AccountFieldCatalog;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanMetricsTest {

    static final PlanMetrics CHOSEN = new PlanMetrics("NumberOfEmployees", List.of(
            new PlanMetrics.Metric("Accounts", "accountCount", null, null),
            new PlanMetrics.Metric("Revenue", "sum", "AnnualRevenue", null),
            new PlanMetrics.Metric("Avg employees", "average", "NumberOfEmployees", null),
            new PlanMetrics.Metric("Banks", "countMatching", null,
                    RuleCriteria.allOf(new RuleItem("Industry", "within", "Banking;Finance"))),
            new PlanMetrics.Metric("Pipeline", "openPipeline", null, null),
            new PlanMetrics.Metric("Quota", "quota", null, null)));

    static AccountFacts account(String industry, Integer employees, Long revenue) {
        return new AccountFacts("001", "Acme", "005A", "US", "CA", "94105", industry, employees,
                revenue == null ? null : BigDecimal.valueOf(revenue), "SMB", null);
    }

    @Test
    void shouldSumContributionsIntoTerritoryValuesAndAverageOnlyOverSetFields() {
        AccountMetrics metrics = AccountMetrics.compile(CHOSEN, AccountFieldCatalog.standard());
        BigDecimal[] bank = metrics.contributions(account("Banking", 100, 1_000L), new BigDecimal("50"));
        BigDecimal[] shop = metrics.contributions(account("Retail", null, null), BigDecimal.ZERO);
        BigDecimal[] sums = new BigDecimal[6];
        long[] counts = new long[6];
        Arrays.fill(sums, BigDecimal.ZERO);
        for (BigDecimal[] account : List.of(bank, shop)) {
            for (int i = 0; i < 6; i++) {
                if (account[i] != null) {
                    sums[i] = sums[i].add(account[i]);
                    counts[i]++;
                }
            }
        }

        BigDecimal[] values = metrics.values(sums, counts, new BigDecimal("900"));

        assertEquals(List.of("2", "1000", "100.00", "1", "50", "900"),
                Arrays.stream(values).map(BigDecimal::toPlainString).toList());
        assertEquals(new BigDecimal("100"), metrics.potential(account("Banking", 100, 1_000L)));
        assertEquals(BigDecimal.ZERO, metrics.potential(account("Banking", null, 1_000L)));
        assertNull(metrics.values(new BigDecimal[6], new long[6], null)[5]);
    }

    @Test
    void shouldDefaultToAnnualRevenueAsPotentialAndTheHistoricColumns() {
        PlanMetrics defaults = PlanMetrics.defaults();

        assertEquals("AnnualRevenue", defaults.potential());
        assertEquals(List.of("Accounts", "Potential", "Open pipeline", "Quota"),
                defaults.metrics().stream().map(PlanMetrics.Metric::label).toList());
        assertEquals(List.of(), defaults.problems(AccountFieldCatalog.standard()));
    }

    @Test
    void shouldNameEveryBadMetricByItsPath() {
        PlanMetrics bad = new PlanMetrics("Industry", List.of(
                new PlanMetrics.Metric("A", "sum", "Segment__c", null),
                new PlanMetrics.Metric("a", "median", null, null),
                new PlanMetrics.Metric("C", "average", null, null),
                new PlanMetrics.Metric("D", "countMatching", null,
                        RuleCriteria.allOf(new RuleItem("Tier__c", "equals", "A")))));

        assertEquals(List.of(
                "potentialField: Industry is picklist, not a number; numeric fields: NumberOfEmployees, AnnualRevenue",
                "metrics[1].field: Segment__c is picklist, not a number; numeric fields: NumberOfEmployees, AnnualRevenue",
                "metrics[2].label: 'a' is used by another metric",
                "metrics[2].kind: unknown kind 'median'; one of accountCount, sum, average, countMatching, "
                        + "openPipeline, quota",
                "metrics[3].field: 'average' needs a numeric field",
                "metrics[4].filter.items[1].field: unknown Account field 'Tier__c'; known fields: Name, BillingCountry, "
                        + "BillingState, BillingPostalCode, Industry, NumberOfEmployees, AnnualRevenue, Segment__c, "
                        + "ParentId"),
                bad.problems(AccountFieldCatalog.standard()).stream().map(e -> e.field() + ": " + e.reason()).toList());
    }
}
