package dev.planbridge.planning.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.planbridge.planning.crm.AccountFieldCatalog;
import dev.planbridge.planning.crm.AccountFieldCatalog.AccountField;
import dev.planbridge.planning.crm.AccountFieldCatalog.FieldType;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleCriteriaTest {

    static List<String> problems(RuleCriteria criteria, AccountFieldCatalog catalog) {
        return criteria.problems(catalog).stream().map(p -> p.path() + ": " + p.reason()).toList();
    }

    @Test
    void shouldAcceptEveryOperatorValidForTheFieldType() {
        RuleCriteria fine = new RuleCriteria(List.of(new RuleItem("billingcountry", "within", "US;CA"),
                new RuleItem("AnnualRevenue", "greaterOrEqual", "1e6"), new RuleItem("Segment__c", "equals", "smb"),
                new RuleItem("Industry", "equals", "Crypto"), new RuleItem("ParentId", "equals", "")), "1 AND 2 AND 3 AND (4 OR 5)");

        assertEquals(List.of(), problems(fine, AccountFieldCatalog.standard()));
    }

    @Test
    void shouldNameUnknownFieldWrongOperatorBadValueAndBadFilter() {
        RuleCriteria bad = new RuleCriteria(List.of(new RuleItem("Tier__c", "equals", "A"),
                new RuleItem("AnnualRevenue", "startsWith", "1"), new RuleItem("NumberOfEmployees", "lessThan", "many"),
                new RuleItem("Segment__c", "within", "SMB;Giant"), new RuleItem("Industry", "like", "Bank"),
                new RuleItem("BillingState", "within", "")), "1 OR 7");

        assertEquals(List.of(
                "items[1].field: unknown Account field 'Tier__c'; known fields: Name, BillingCountry, BillingState, "
                        + "BillingPostalCode, Industry, NumberOfEmployees, AnnualRevenue, Segment__c, ParentId",
                "items[2].operation: 'startsWith' does not apply to AnnualRevenue (currency); it accepts: equals, "
                        + "notEqual, lessThan, greaterThan, lessOrEqual, greaterOrEqual, within",
                "items[3].value: 'many' is not a number (NumberOfEmployees is integer)",
                "items[4].value: 'Giant' is not a value of Segment__c; accepted: SMB, MidMarket, Enterprise",
                "items[5].operation: unknown operation 'like'; Industry accepts: equals, notEqual, contains, "
                        + "notContain, startsWith, within",
                "items[6].value: 'within' needs a value",
                "booleanFilter: '1 OR 7': item 7 does not exist (the rule has 6 items)"),
                problems(bad, AccountFieldCatalog.standard()));
    }

    @Test
    void shouldAcceptAFieldOnceTheOrgDescribeAddsIt() {
        // the catalog is the only place that knows fields: a described custom picklist needs no engine change
        AccountFieldCatalog described = AccountFieldCatalog.standard().merge(List.of(
                new AccountField("Segment__c", "Segment", FieldType.PICKLIST, List.of("SMB", "Giant"), true)));

        assertEquals(List.of(), problems(RuleCriteria.allOf(new RuleItem("Segment__c", "equals", "Giant")), described));
    }
}
