package dev.planbridge.planning.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.planbridge.planning.crm.AccountFieldCatalog;
import dev.planbridge.planning.csv.CsvRows;
import dev.planbridge.planning.csv.RowErrors;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleCsvTest {

    private static final RuleCsv KIND = new RuleCsv(null);
    private static final String HEADER = "name,position,territoryKey,field,operation,value,booleanFilter\n";

    static List<Object[]> check(String csv, RowErrors errors) {
        return RuleCsv.check(CsvRows.of(KIND, HEADER + csv), Set.of("T1", "T2"), AccountFieldCatalog.standard(), errors);
    }

    @Test
    void shouldGatherOneRowPerItemIntoRulesInFileOrder() {
        RowErrors errors = new RowErrors("r.csv", 100);

        List<Object[]> rules = check("South,1,T1,BillingCountry,within,DE; AT,(1 AND 2) OR 3\n"
                + "South,1,T1,BillingPostalCode,startsWith,8,\n"
                + "South,1,T1,Segment__c,equals,Enterprise,\n"
                + "Rest,2,T2,,,,\n", errors);

        assertEquals(List.of(), errors.listed());
        assertEquals(List.of("South", 1, "T1"), List.of(rules.get(0)[0], rules.get(0)[1], rules.get(0)[2]));
        assertEquals(new RuleCriteria(List.of(new RuleItem("BillingCountry", "within", "DE; AT"),
                new RuleItem("BillingPostalCode", "startsWith", "8"), new RuleItem("Segment__c", "equals", "Enterprise")),
                "(1 AND 2) OR 3"), PlanAssignmentData.parseCriteria((String) rules.get(0)[3]));
        assertEquals(new RuleCriteria(List.of(), null), PlanAssignmentData.parseCriteria((String) rules.get(1)[3]));
    }

    @Test
    void shouldNameRowAndColumnOfEveryBadItemAndDisagreeingRow() {
        RowErrors errors = new RowErrors("r.csv", 100);

        check("A,1,T1,Tier__c,equals,A,1 AND 3\n"
                + "A,2,T9,Industry,greaterThan,Banking,\n"
                + "B,-1,T1,AnnualRevenue,lessThan,ten,\n"
                + "C,3,T1,,equals,x,\n", errors);

        assertEquals(List.of(
                "2:field:unknown Account field 'Tier__c'; known fields: Name, BillingCountry, BillingState, "
                        + "BillingPostalCode, Industry, NumberOfEmployees, AnnualRevenue, Segment__c, ParentId",
                "2:booleanFilter:'1 AND 3': item 3 does not exist (the rule has 2 items)",
                "3:position:differs from the rule's first row ('1' there, '2' here); the rows of one rule must agree",
                "3:territoryKey:differs from the rule's first row ('T1' there, 'T9' here); the rows of one rule must agree",
                "3:operation:'greaterThan' does not apply to Industry (picklist); it accepts: equals, notEqual, "
                        + "contains, notContain, startsWith, within",
                "4:position:must not be negative",
                "4:value:'ten' is not a number (AnnualRevenue is currency)",
                "5:field:is required when operation or value is given"), CsvRows.described(errors));
    }
}
