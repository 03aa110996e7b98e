package dev.planbridge.emulator.soql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Malformed and invalid queries: Salesforce's exception code, its message shape, and the position. */
class SoqlEngineErrorTest {

    private final SoqlEngine engine = new SoqlEngine(TestOrg.standard());

    private void assertRejected(String soql, String code, String... fragments) {
        SoqlException e = assertThrows(SoqlException.class, () -> engine.compile(soql), soql);
        assertEquals(code, e.exceptionCode(), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    @Test
    void shouldReportUnexpectedTokenWithRowAndColumn() {
        assertRejected("SELECT Id FORM Account", "MALFORMED_QUERY", "unexpected token: 'FORM' at Row:1:Column:11");
        assertRejected("SELECT Id, Name\n  FROM Account\n WHERE Name = 'a' Industry = 'b'", "MALFORMED_QUERY",
                "unexpected token: 'Industry' at Row:3:Column:19");
        assertRejected("SELECT FROM Account", "MALFORMED_QUERY", "unexpected token: 'FROM' at Row:1:Column:8");
        assertRejected("SELECT Id FROM Account WHERE Name = 'a' ;", "MALFORMED_QUERY",
                "unexpected token: ';' at Row:1:Column:41");
        assertRejected("SELECT Id FROM Account WHERE Name = :name", "MALFORMED_QUERY",
                "unexpected token: ':' at Row:1:Column:37");
        assertRejected("SELECT Id FROM Account LIMIT -1", "MALFORMED_QUERY", "unexpected token: '-1' at Row:1:Column:30");
        assertRejected("SELECT Id FROM Account ORDER BY Name NULLS MIDDLE", "MALFORMED_QUERY",
                "unexpected token: 'MIDDLE' at Row:1:Column:44");
        assertRejected("SELECT Id FROM Account WHERE (Name = 'a'", "MALFORMED_QUERY",
                "unexpected token: '<EOF>' at Row:1:Column:41");
        assertRejected("SELECT Id FROM Account WHERE Name = Foo", "MALFORMED_QUERY",
                "unexpected token: 'Foo' at Row:1:Column:37");
    }

    @Test
    void shouldRejectMissingFromAndEmptyQuery() {
        assertRejected("SELECT Id, Name", "MALFORMED_QUERY", "unexpected token: '<EOF>' at Row:1:Column:16");
        assertRejected("SELECT Id Account", "MALFORMED_QUERY", "unexpected token: 'Account' at Row:1:Column:11");
        assertRejected("   ", "MALFORMED_QUERY", "unexpected token: '<EOF>'");
        assertRejected("DELETE FROM Account", "MALFORMED_QUERY", "unexpected token: 'DELETE' at Row:1:Column:1");
    }

    @Test
    void shouldRejectMixingAndWithOrWithoutParentheses() {
        assertRejected("SELECT Id FROM Account WHERE Name = 'a' AND Industry = 'b' OR Name = 'c'", "MALFORMED_QUERY",
                "unexpected token: 'OR' at Row:1:Column:60");
    }

    @Test
    void shouldRejectUnterminatedStringsAndBadEscapes() {
        assertRejected("SELECT Id\nFROM Account\nWHERE Name = 'abc", "MALFORMED_QUERY",
                "unterminated string literal starting at Row:3:Column:14");
        assertRejected("SELECT Id FROM Account WHERE Name = 'a\\qb'", "MALFORMED_QUERY",
                "illegal escape sequence '\\q'", "at Row:1:Column:39");
        assertRejected("SELECT Id FROM Account WHERE Name = 'a\\u00G1'", "MALFORMED_QUERY",
                "illegal escape sequence", "at Row:1:Column:39");
    }

    @Test
    void shouldRejectBadDateAndNumberLiterals() {
        assertRejected("SELECT Id FROM Opportunity WHERE CloseDate = 2026-13-01", "MALFORMED_QUERY",
                "invalid date: 2026-13-01 at Row:1:Column:46");
        assertRejected("SELECT Id FROM Account WHERE CreatedDate > 2026-01-01T25:00:00Z", "MALFORMED_QUERY",
                "invalid datetime", "at Row:1:Column:44");
        assertRejected("SELECT Id FROM Account WHERE CreatedDate > 2026-01-01T10:00:00", "MALFORMED_QUERY",
                "unexpected token: '2026-01-01T10:00:00' at Row:1:Column:44");
        assertRejected("SELECT Id FROM Account WHERE NumberOfEmployees = 12abc", "MALFORMED_QUERY",
                "unexpected token: '12abc' at Row:1:Column:50");
        assertRejected("SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS", "MALFORMED_QUERY",
                "unexpected token: '<EOF>' at Row:1:Column:55");
        assertRejected("SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:x", "MALFORMED_QUERY",
                "unexpected token: 'x' at Row:1:Column:56");
    }

    @Test
    void shouldRejectUnknownObjectsFieldsAndRelationships() {
        assertRejected("SELECT Id FROM Acount", "INVALID_TYPE", "sObject type 'Acount' is not supported.",
                "Row:1:Column:16");
        assertRejected("SELECT Id FROM Group", "INVALID_TYPE", "sObject type 'Group' is not supported.");
        assertRejected("SELECT Foo FROM Account", "INVALID_FIELD",
                "No such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to"
                        + " append the '__c' after the custom field name.", "at Row:1:Column:8");
        assertRejected("SELECT Id, Owner.Foo FROM Account", "INVALID_FIELD", "No such column 'Foo' on entity 'User'",
                "at Row:1:Column:12");
        assertRejected("SELECT Bogus.Name FROM Account", "INVALID_FIELD",
                "Didn't understand relationship 'Bogus' in field path", "at Row:1:Column:8");
        assertRejected("SELECT Id FROM Account WHERE Segment = 'x'", "INVALID_FIELD",
                "No such column 'Segment' on entity 'Account'", "at Row:1:Column:30");
        assertRejected("SELECT Id FROM Account ORDER BY Nme", "INVALID_FIELD", "No such column 'Nme'",
                "at Row:1:Column:33");
        assertRejected("SELECT Owner FROM Account", "INVALID_FIELD", "No such column 'Owner'");
        assertRejected("SELECT Id, Name, name FROM Account", "MALFORMED_QUERY", "duplicate field selected: Name",
                "at Row:1:Column:18");
    }

    @Test
    void shouldRejectLiteralsOfTheWrongTypeForTheField() {
        assertRejected("SELECT Id FROM Account WHERE Name = 5", "INVALID_FIELD",
                "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes",
                "at Row:1:Column:37");
        assertRejected("SELECT Id FROM Account WHERE NumberOfEmployees = '5'", "INVALID_FIELD",
                "field 'NumberOfEmployees' must be of type integer and should not be enclosed in quotes");
        assertRejected("SELECT Id FROM Account WHERE AnnualRevenue IN (1, '2')", "INVALID_FIELD",
                "must be of type double", "at Row:1:Column:51");
        assertRejected("SELECT Id FROM Opportunity WHERE IsClosed = 'true'", "INVALID_FIELD",
                "must be of type boolean and should not be enclosed in quotes");
        assertRejected("SELECT Id FROM Account WHERE CreatedDate > 2026-01-01", "INVALID_FIELD",
                "field 'CreatedDate' must be of type dateTime");
        assertRejected("SELECT Id FROM Account WHERE LastActivityDate > 2026-01-01T00:00:00Z", "INVALID_FIELD",
                "field 'LastActivityDate' must be of type date");
        assertRejected("SELECT Id FROM Account WHERE Name = TODAY", "INVALID_FIELD", "must be of type string");
        assertRejected("SELECT Id FROM Account WHERE Owner.Name = true", "INVALID_FIELD", "field 'Owner.Name'");
        assertRejected("SELECT Id FROM Account WHERE Id = 'abc'", "INVALID_QUERY_FILTER_OPERATOR",
                "invalid ID field: abc at Row:1:Column:35");
        assertRejected("SELECT Id FROM Account WHERE OwnerId IN ('005000000000001AAZ!')",
                "INVALID_QUERY_FILTER_OPERATOR", "invalid ID field");
        assertRejected("SELECT Id FROM Account WHERE OwnerId = 5", "INVALID_FIELD", "must be of type id");
    }

    @Test
    void shouldRejectOperatorsThatDoNotApplyToTheField() {
        assertRejected("SELECT Id FROM Account WHERE NumberOfEmployees LIKE '5%'", "INVALID_QUERY_FILTER_OPERATOR",
                "invalid operator LIKE on field 'NumberOfEmployees'", "at Row:1:Column:48");
        assertRejected("SELECT Id FROM Account WHERE Name INCLUDES ('a')", "INVALID_QUERY_FILTER_OPERATOR",
                "includes or excludes operator only valid on multipicklist field");
        assertRejected("SELECT Id FROM Opportunity WHERE IsClosed > false", "INVALID_QUERY_FILTER_OPERATOR",
                "invalid operator > on field 'IsClosed'");
        assertRejected("SELECT Id FROM Account WHERE Name < null", "INVALID_QUERY_FILTER_OPERATOR",
                "only = and != compare with null");
        assertRejected("SELECT Id FROM Account WHERE Regions__c IN ('a')", "INVALID_QUERY_FILTER_OPERATOR",
                "invalid operator IN");
        assertRejected("SELECT Id FROM Account ORDER BY Regions__c", "INVALID_FIELD",
                "field 'Regions__c' can not be sorted in a query call");
        assertRejected("SELECT Id FROM Account WHERE Name LIKE null", "INVALID_QUERY_FILTER_OPERATOR",
                "LIKE requires a string pattern");
    }

    @Test
    void shouldRejectInvalidSemiJoins() {
        assertRejected("SELECT Id FROM Account WHERE Name = 'a' OR Id IN (SELECT AccountId FROM Opportunity)",
                "INVALID_QUERY_FILTER_OPERATOR", "not allowed with the 'OR' operator");
        assertRejected("SELECT Id FROM Account WHERE ParentId IN (SELECT Id FROM Account)",
                "INVALID_QUERY_FILTER_OPERATOR", "should not be on the same object type", "at Row:1:Column:58");
        assertRejected("SELECT Id FROM Account WHERE Id IN (SELECT Name FROM Opportunity)",
                "INVALID_QUERY_FILTER_OPERATOR", "must select an Id or reference field");
        assertRejected("SELECT Id FROM Account WHERE Name IN (SELECT AccountId FROM Opportunity)",
                "INVALID_QUERY_FILTER_OPERATOR", "only allowed on an Id or reference field");
        assertRejected("SELECT Id FROM Account WHERE Id IN (SELECT AccountId, OwnerId FROM Opportunity)",
                "MALFORMED_QUERY", "exactly one");
        assertRejected("SELECT Id FROM User WHERE Id IN (SELECT OwnerId FROM Account WHERE Id IN"
                        + " (SELECT AccountId FROM Opportunity))", "INVALID_QUERY_FILTER_OPERATOR",
                "Nesting of semi join sub-selects is not supported");
        assertRejected("SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity LIMIT 5)",
                "MALFORMED_QUERY", "not supported by the Salesforce emulator", "at Row:1:Column:71");
        assertRejected("SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Oportunity)", "INVALID_TYPE",
                "sObject type 'Oportunity' is not supported.");
    }

    @Test
    void shouldNameClausesTheEmulatorDoesNotSupport() {
        assertRejected("SELECT Industry FROM Account GROUP BY Industry", "MALFORMED_QUERY",
                "GROUP BY is not supported by the Salesforce emulator at Row:1:Column:30");
        assertRejected("SELECT Id FROM Account WITH SECURITY_ENFORCED", "MALFORMED_QUERY",
                "WITH clause is not supported by the Salesforce emulator at Row:1:Column:24");
        assertRejected("SELECT Id FROM Account WHERE Name = 'a' HAVING COUNT(Id) > 1", "MALFORMED_QUERY",
                "HAVING is not supported");
        assertRejected("SELECT Id FROM Account FOR UPDATE", "MALFORMED_QUERY", "FOR UPDATE is not supported");
        assertRejected("SELECT COUNT(Id) FROM Account", "MALFORMED_QUERY",
                "aggregate function COUNT(field) is not supported", "at Row:1:Column:8");
        assertRejected("SELECT Id, (SELECT Id FROM Opportunities) FROM Account", "MALFORMED_QUERY",
                "child relationship subquery in SELECT is not supported", "at Row:1:Column:12");
        assertRejected("SELECT toLabel(Industry) FROM Account", "MALFORMED_QUERY",
                "function toLabel() is not supported");
        assertRejected("SELECT COUNT(), Id FROM Account", "MALFORMED_QUERY", "unexpected token: ','");
    }

    @Test
    void shouldBoundQueryLengthAndNesting() {
        assertRejected("SELECT Id FROM Account WHERE Name = '" + "x".repeat(100_000) + "'", "MALFORMED_QUERY",
                "SOQL statements cannot be longer than 100,000 characters.");
        assertRejected("SELECT Id FROM Account WHERE " + "(".repeat(5_000) + "Name = 'a'" + ")".repeat(5_000),
                "MALFORMED_QUERY", "nested more than 100 levels deep at Row:1:Column:130");
        assertRejected("SELECT Id FROM Account WHERE " + "NOT ".repeat(20_000) + "Name = 'a'",
                "MALFORMED_QUERY", "nested more than 100 levels deep");
        assertRejected("SELECT Id FROM Account WHERE " + "Id IN (SELECT Id FROM Account WHERE ".repeat(2_000)
                + "Name = 'a'" + ")".repeat(2_000), "MALFORMED_QUERY", "sub-selects nested more than 100 levels");
        new SoqlEngine(TestOrg.standard()).compile("SELECT Id FROM Account WHERE " + "(".repeat(100) + "Name = 'a'"
                + ")".repeat(100));
    }

    @Test
    void shouldLimitOffsetTo2000AsSalesforce() {
        assertRejected("SELECT Id FROM Account LIMIT 10 OFFSET 2001", "NUMBER_OUTSIDE_VALID_RANGE",
                "Maximum SOQL offset allowed is 2000 at Row:1:Column:33");
        engine.compile("SELECT Id FROM Account LIMIT 10 OFFSET 2000");
    }
}
