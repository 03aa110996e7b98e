package dev.planbridge.emulator.soql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Good queries of every supported construct over a small org; "now" is Sunday 2026-11-29 10:00 UTC. */
class SoqlEngineQueryTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private TestOrg org;
    private SoqlEngine engine;
    private String alice;
    private String bob;
    private String acme;
    private String acmeLabs;
    private String globex;
    private String obrien;

    @BeforeEach
    void givenASmallOrg() {
        org = TestOrg.standard();
        engine = new SoqlEngine(org);
        alice = org.insert("User", "Name", "Alice Adams", "Email", "alice@example.com", "IsActive", true,
                "CreatedDate", Instant.parse("2020-01-01T00:00:00Z"));
        bob = org.insert("User", "Name", "Bob Brown", "Email", "bob@example.com", "IsActive", false,
                "ManagerId", alice, "CreatedDate", Instant.parse("2021-01-01T00:00:00Z"));
        acme = org.insert("Account", "Name", "Acme Corp", "Industry", "Technology", "NumberOfEmployees", 500,
                "AnnualRevenue", new BigDecimal("1000000.50"), "OwnerId", alice, "Regions__c", "EMEA;APAC",
                "CreatedDate", Instant.parse("2026-11-29T08:00:00Z"), "LastActivityDate", LocalDate.of(2026, 11, 28));
        acmeLabs = org.insert("Account", "Name", "acme labs", "Industry", "Finance", "NumberOfEmployees", 50,
                "AnnualRevenue", new BigDecimal("20000"), "OwnerId", bob, "ParentId", acme, "Regions__c", "AMER",
                "CreatedDate", Instant.parse("2026-11-20T12:00:00Z"), "LastActivityDate", LocalDate.of(2026, 11, 1));
        globex = org.insert("Account", "Name", "Globex", "Description", "50% off_sale",
                "CreatedDate", Instant.parse("2026-10-15T00:00:00Z"));
        obrien = org.insert("Account", "Name", "O'Brien \"Ltd\"", "Industry", "Technology", "NumberOfEmployees", 10,
                "AnnualRevenue", new BigDecimal("500"), "OwnerId", alice, "ParentId", acmeLabs, "Regions__c", "EMEA",
                "CreatedDate", Instant.parse("2025-12-31T23:59:59Z"), "LastActivityDate", LocalDate.of(2026, 12, 5));
        org.insertDeleted("Account", "Name", "Deleted Inc", "Industry", "Technology");
        org.insert("Opportunity", "Name", "Big deal", "AccountId", acme, "OwnerId", bob, "StageName", "Closed Won",
                "Amount", new BigDecimal("5000"), "CloseDate", LocalDate.of(2026, 11, 30), "IsClosed", true);
        org.insert("Opportunity", "Name", "Small deal", "AccountId", acmeLabs, "OwnerId", alice,
                "StageName", "Prospecting", "Amount", new BigDecimal("100"), "CloseDate", LocalDate.of(2026, 12, 15),
                "IsClosed", false);
        org.insert("Opportunity", "Name", "Orphan", "OwnerId", alice, "StageName", "Prospecting",
                "CloseDate", LocalDate.of(2027, 1, 15), "IsClosed", false);
    }

    private QueryRows run(String soql) {
        return engine.execute(engine.compile(soql), org, false, NOW);
    }

    /** Values of one field across the result rows, in result order. */
    private List<Object> column(String soql, String field) {
        return run(soql).rows().stream().map(r -> r.values().get(field)).toList();
    }

    private List<Object> names(String whereAndOrder) {
        return column("SELECT Name FROM Account " + whereAndOrder, "Name");
    }

    @Test
    void shouldResolveCanonicalNamesWhateverTheCasing() {
        CompiledQuery q = engine.compile("select id, NAME, owner.NAME from account where name = 'GLOBEX'");
        assertEquals("Account", q.objectName());
        assertFalse(q.isCount());
        assertEquals(List.of("Id", "Name", "Owner.Name"), q.selectedPaths());
        QueryRows rows = engine.execute(q, org, false, NOW);
        assertEquals(1, rows.size());
        ResultRow row = rows.rows().get(0);
        assertEquals("Account", row.type());
        assertEquals(globex, row.id());
        assertEquals(List.of("Id", "Name", "Owner"), List.copyOf(row.values().keySet()));
        assertEquals("Globex", row.values().get("Name"));
        assertNull(row.values().get("Owner"), "empty reference projects as null");
    }

    @Test
    void shouldCountMatchingRowsWithoutReturningRows() {
        CompiledQuery q = engine.compile("SELECT COUNT() FROM Account WHERE Industry = 'technology'");
        assertTrue(q.isCount());
        assertEquals(List.of(), q.selectedPaths());
        QueryRows rows = engine.execute(q, org, false, NOW);
        assertEquals(2, rows.size());
        assertEquals(List.of(), rows.rows());
        assertEquals(3, engine.execute(q, org, true, NOW).size(), "queryAll counts the deleted row too");
        assertEquals(1, run("SELECT COUNT() FROM Account WHERE Industry = 'technology' LIMIT 1").size());
        assertEquals(4, run("SELECT count() FROM Account").size());
    }

    @Test
    void shouldProjectParentRelationshipsAsNestedRowsInSelectOrder() {
        QueryRows rows = run("SELECT Name, Owner.Name, Owner.Email, Parent.Owner.Name, Parent.Name FROM Account"
                + " WHERE Name = 'acme labs'");
        ResultRow row = rows.rows().get(0);
        assertEquals(List.of("Name", "Owner", "Parent"), List.copyOf(row.values().keySet()));
        ResultRow owner = (ResultRow) row.values().get("Owner");
        assertEquals("User", owner.type());
        assertEquals(bob, owner.id());
        assertEquals(List.of("Name", "Email"), List.copyOf(owner.values().keySet()));
        assertEquals("bob@example.com", owner.values().get("Email"));
        ResultRow parent = (ResultRow) row.values().get("Parent");
        assertEquals(acme, parent.id());
        assertEquals(List.of("Owner", "Name"), List.copyOf(parent.values().keySet()));
        assertEquals("Alice Adams", ((ResultRow) parent.values().get("Owner")).values().get("Name"));
        assertEquals("Acme Corp", parent.values().get("Name"));
    }

    @Test
    void shouldLookUpEachParentOncePerExecutionAndNeverServeStaleParents() {
        CompiledQuery q = engine.compile("SELECT Name, Owner.Name FROM Account WHERE Owner.IsActive != null"
                + " ORDER BY Owner.Name, Name");
        int before = org.byIdCalls();
        QueryRows first = engine.execute(q, org, false, NOW);
        assertEquals(3, first.size());
        assertEquals(2, org.byIdCalls() - before, "two distinct owners, each looked up once");
        org.row(alice).put("Name", "Alice Renamed");
        QueryRows second = engine.execute(q, org, false, NOW);
        assertEquals("Alice Renamed", ((ResultRow) second.rows().get(0).values().get("Owner")).values().get("Name"));
    }

    @Test
    void shouldFilterOnParentFieldsTwoLevelsUp() {
        assertEquals(List.of("Big deal"),
                column("SELECT Name FROM Opportunity WHERE Account.Owner.Name = 'alice adams'", "Name"));
        assertEquals(List.of("Acme Corp"), names("WHERE Owner.Manager.Name = null AND Owner.IsActive = true"
                + " AND NumberOfEmployees > 100"));
    }

    @Test
    void shouldCombineAndOrNotWithParentheses() {
        assertEquals(List.of("acme labs", "O'Brien \"Ltd\""),
                names("WHERE (Industry = 'Technology' OR Industry = 'Finance') AND NOT NumberOfEmployees > 100"
                        + " ORDER BY Name"));
        assertEquals(List.of("Acme Corp", "Globex"),
                names("WHERE Name = 'Globex' OR (NOT (Industry != 'technology') AND AnnualRevenue > 1000)"
                        + " ORDER BY Name"));
    }

    @Test
    void shouldApplyComparisonOperatorsWithSoqlNullSemantics() {
        assertEquals(List.of("acme labs", "Globex", "O'Brien \"Ltd\""),
                names("WHERE NumberOfEmployees != 500 ORDER BY Name"), "null != 500 is true in SOQL");
        assertEquals(names("WHERE NumberOfEmployees != 500 ORDER BY Name"),
                names("WHERE NumberOfEmployees <> 500 ORDER BY Name"));
        assertEquals(List.of("O'Brien \"Ltd\""), names("WHERE NumberOfEmployees < 50"));
        assertEquals(List.of("acme labs", "O'Brien \"Ltd\""), names("WHERE NumberOfEmployees <= 50 ORDER BY Name"));
        assertEquals(List.of("Acme Corp"), names("WHERE NumberOfEmployees > 50"));
        assertEquals(List.of("Acme Corp", "acme labs"), names("WHERE NumberOfEmployees >= 50 ORDER BY Name"));
        assertEquals(List.of("Acme Corp"), names("WHERE AnnualRevenue = 1000000.5"));
        assertEquals(List.of("O'Brien \"Ltd\""), names("WHERE AnnualRevenue < 500.01 AND AnnualRevenue > -1"));
        assertEquals(List.of("Globex"), names("WHERE Industry = null"));
        assertEquals(3, names("WHERE Industry != null").size());
        assertEquals(List.of("Acme Corp", "acme labs"), names("WHERE Name > 'ACME' AND Name < 'b' ORDER BY Name"));
    }

    @Test
    void shouldMatchLikeCaseInsensitivelyWithWildcardsAndEscapes() {
        assertEquals(List.of("Acme Corp", "acme labs"), names("WHERE Name LIKE 'ACME%' ORDER BY Name"));
        assertEquals(List.of("acme labs"), names("WHERE Name LIKE '%LAB%'"));
        assertEquals(List.of("Globex"), names("WHERE Name LIKE 'glob_x'"));
        assertEquals(List.of("Globex"), names("WHERE Name LIKE 'globex'"));
        assertEquals(List.of("Globex"), names("WHERE Description LIKE '50\\% off\\_%'"));
        assertEquals(List.of(), names("WHERE Description LIKE '50\\%sale'"), "escaped % is not a wildcard");
        assertEquals(List.of(), names("WHERE Description LIKE '50% off\\_x%'"));
    }

    @Test
    void shouldEvaluateInAndNotInLists() {
        assertEquals(List.of("Acme Corp", "acme labs", "O'Brien \"Ltd\""),
                names("WHERE Industry IN ('technology', 'FINANCE') ORDER BY Name"));
        assertEquals(List.of("Globex"), names("WHERE Industry NOT IN ('technology', 'FINANCE')"));
        assertEquals(List.of("acme labs", "Globex"), names("WHERE Industry IN (null, 'Finance') ORDER BY Name"));
        assertEquals(List.of("Acme Corp"), names("WHERE NumberOfEmployees IN (500, 7)"));
        assertEquals(List.of("Big deal"),
                column("SELECT Name FROM Opportunity WHERE CloseDate IN (2026-11-30, 2020-01-01)", "Name"));
    }

    @Test
    void shouldEvaluateIncludesAndExcludesOnMultiSelectPicklists() {
        assertEquals(List.of("Acme Corp", "O'Brien \"Ltd\""), names("WHERE Regions__c INCLUDES ('emea') ORDER BY Name"));
        assertEquals(List.of("Acme Corp", "acme labs"),
                names("WHERE Regions__c INCLUDES ('APAC;EMEA', 'AMER') ORDER BY Name"),
                "'a;b' requires both values, the list is an OR");
        assertEquals(List.of("acme labs", "Globex"), names("WHERE Regions__c EXCLUDES ('EMEA') ORDER BY Name"));
        assertEquals(List.of("Acme Corp"), names("WHERE Regions__c = 'apac;emea'"), "= compares the value set");
    }

    @Test
    void shouldCompareBooleans() {
        assertEquals(List.of("Big deal"), column("SELECT Name FROM Opportunity WHERE IsClosed = true", "Name"));
        assertEquals(List.of("Orphan", "Small deal"),
                column("SELECT Name FROM Opportunity WHERE IsClosed = FALSE ORDER BY Name", "Name"));
        assertEquals(List.of("Alice Adams"), column("SELECT Name FROM User WHERE IsActive != false", "Name"));
    }

    @Test
    void shouldCompareDateAndDatetimeLiterals() {
        assertEquals(List.of("Acme Corp"), names("WHERE LastActivityDate = 2026-11-28"));
        assertEquals(List.of("O'Brien \"Ltd\""), names("WHERE LastActivityDate > 2026-11-28"));
        assertEquals(List.of("Acme Corp"), names("WHERE CreatedDate > 2026-11-20T12:00:00Z"));
        assertEquals(List.of("Acme Corp", "acme labs"),
                names("WHERE CreatedDate >= 2026-11-20T13:00:00+01:00 ORDER BY Name"), "offsets are from UTC");
        assertEquals(List.of("O'Brien \"Ltd\""), names("WHERE CreatedDate < 2026-01-01T00:00:00.000Z"));
        assertEquals(List.of("acme labs"), names("WHERE CreatedDate = 2026-11-20T07:00:00-05:00"));
    }

    @Test
    void shouldResolveRelativeDateLiteralsAgainstNowInUtc() {
        assertEquals(List.of("Acme Corp"), names("WHERE CreatedDate = TODAY"));
        assertEquals(List.of(), names("WHERE CreatedDate = YESTERDAY"));
        assertEquals(List.of("Acme Corp"), names("WHERE LastActivityDate = YESTERDAY"));
        assertEquals(List.of("O'Brien \"Ltd\""), names("WHERE LastActivityDate > TODAY"));
        assertEquals(List.of("Acme Corp", "acme labs"), names("WHERE CreatedDate = LAST_N_DAYS:10 ORDER BY Name"));
        assertEquals(List.of("Globex", "O'Brien \"Ltd\""), names("WHERE CreatedDate < LAST_N_DAYS:10 ORDER BY Name"));
        assertEquals(List.of("O'Brien \"Ltd\""), names("WHERE LastActivityDate = NEXT_N_DAYS:7"));
        assertEquals(List.of(), names("WHERE LastActivityDate = NEXT_N_DAYS:5"));
        assertEquals(List.of("Acme Corp", "acme labs"), names("WHERE CreatedDate = THIS_MONTH ORDER BY Name"));
        assertEquals(List.of("Globex"), names("WHERE CreatedDate = LAST_MONTH"));
        assertEquals(List.of("O'Brien \"Ltd\""), names("WHERE CreatedDate = LAST_YEAR"));
        assertEquals(3, names("WHERE CreatedDate = THIS_YEAR").size());
        assertEquals(List.of("O'Brien \"Ltd\""), names("WHERE LastActivityDate = NEXT_MONTH"));
        assertEquals(List.of("Big deal"),
                column("SELECT Name FROM Opportunity WHERE CloseDate = TOMORROW", "Name"));
        assertEquals(List.of("Big deal", "Small deal"),
                column("SELECT Name FROM Opportunity WHERE CloseDate <= NEXT_N_DAYS:30 ORDER BY Name", "Name"));
        assertEquals(List.of("Acme Corp"), names("WHERE LastActivityDate IN (YESTERDAY, TOMORROW)"));
    }

    @Test
    void shouldOrderWithNullsFirstByDefaultAndHonourDirectionAndNullsClause() {
        assertEquals(List.of("Globex", "O'Brien \"Ltd\"", "acme labs", "Acme Corp"), names("ORDER BY NumberOfEmployees"));
        assertEquals(List.of("Acme Corp", "acme labs", "O'Brien \"Ltd\"", "Globex"),
                names("ORDER BY NumberOfEmployees DESC"));
        assertEquals(List.of("Globex", "Acme Corp", "acme labs", "O'Brien \"Ltd\""),
                names("ORDER BY NumberOfEmployees DESC NULLS FIRST"));
        assertEquals(List.of("O'Brien \"Ltd\"", "acme labs", "Acme Corp", "Globex"),
                names("ORDER BY NumberOfEmployees ASC NULLS LAST"));
        assertEquals(List.of("acme labs", "O'Brien \"Ltd\"", "Acme Corp", "Globex"),
                names("ORDER BY Industry NULLS LAST, Name DESC"));
        assertEquals(List.of("Acme Corp", "acme labs", "Globex", "O'Brien \"Ltd\""), names("ORDER BY Name"),
                "text sorts case-insensitively");
        assertEquals(List.of("Acme Corp", "O'Brien \"Ltd\"", "acme labs", "Globex"),
                names("ORDER BY Owner.Name NULLS LAST, Name"));
        assertEquals(List.of("O'Brien \"Ltd\"", "Globex", "acme labs", "Acme Corp"), names("ORDER BY CreatedDate"));
    }

    @Test
    void shouldApplyOffsetAndLimitAfterOrdering() {
        assertEquals(List.of("acme labs", "Globex"), names("ORDER BY Name LIMIT 2 OFFSET 1"));
        assertEquals(List.of(), names("ORDER BY Name LIMIT 2 OFFSET 10"));
        assertEquals(List.of(), names("LIMIT 0"));
        assertEquals(2, names("LIMIT 2").size());
        assertEquals(1, names("LIMIT 5 OFFSET 3").size());
    }

    @Test
    void shouldEvaluateSemiJoinOnceAndAntiJoin() {
        assertEquals(List.of("acme labs"),
                names("WHERE Id IN (SELECT AccountId FROM Opportunity WHERE IsClosed = false)"));
        assertEquals(7, org.rowsIterated(), "4 accounts and 3 opportunities, each scanned once");
        assertEquals(List.of("Globex", "O'Brien \"Ltd\""),
                names("WHERE Id NOT IN (SELECT AccountId FROM Opportunity) ORDER BY Name"));
        assertEquals(List.of("Alice Adams"), column("SELECT Name FROM User WHERE Id IN"
                + " (SELECT OwnerId FROM Account WHERE Industry = 'Technology')", "Name"));
        assertEquals(List.of("O'Brien \"Ltd\""), names("WHERE ParentId IN (SELECT AccountId FROM Opportunity"
                + " WHERE Amount < 1000) AND NOT Name = 'x'"));
        assertEquals(1, run("SELECT COUNT() FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity"
                + " WHERE StageName = 'closed won')").size());
    }

    @Test
    void shouldIncludeDeletedRowsOnlyForQueryAll() {
        CompiledQuery q = engine.compile("SELECT Name, IsDeleted FROM Account WHERE IsDeleted = true");
        assertEquals(0, engine.execute(q, org, false, NOW).size());
        QueryRows all = engine.execute(q, org, true, NOW);
        assertEquals(List.of("Deleted Inc"), all.rows().stream().map(r -> r.values().get("Name")).toList());
        assertEquals(Boolean.TRUE, all.rows().get(0).values().get("IsDeleted"));
    }

    @Test
    void shouldDecodeStringEscapes() {
        assertEquals(List.of("O'Brien \"Ltd\""), names("WHERE Name = 'o\\'brien \\\"ltd\\\"'"));
        org.insert("User", "Name", "Tab\tLine\nFeed\rBack\\slash \b\f A");
        assertEquals(1, run("SELECT Id FROM User WHERE Name = 'Tab\\tLine\\nFeed\\rBack\\\\slash \\b\\f \\u0041'")
                .size());
        assertEquals(1, run("SELECT Id FROM User WHERE Name = 'TAB\\TLINE\\NFEED\\RBACK\\\\SLASH \\B\\F A'").size(),
                "upper-case escapes are accepted too");
    }

    @Test
    void shouldMatchIdsGivenIn15Or18CharactersAndCorrectTheCaseOfAn18CharacterId() {
        String acme15 = acme.substring(0, 15);
        assertEquals(List.of("Acme Corp"), names("WHERE Id = '" + acme15 + "'"));
        assertEquals(List.of("Acme Corp"), names("WHERE Id = '" + acme + "'"));
        assertEquals(List.of("Acme Corp"), names("WHERE Id = '" + acme.toLowerCase(Locale.ROOT) + "'"),
                "the 18-character suffix restores the case");
        assertEquals(List.of(), names("WHERE Id = '" + acme15.toLowerCase(Locale.ROOT) + "'"),
                "15-character ids are case-sensitive");
        assertEquals(List.of("Acme Corp", "O'Brien \"Ltd\""),
                names("WHERE OwnerId IN ('" + alice.substring(0, 15) + "') ORDER BY Name"));
        assertEquals(List.of("acme labs"), names("WHERE OwnerId = '" + bob + "' AND ParentId != null"));
        assertEquals(List.of("Globex"), names("WHERE OwnerId = null"));
    }

    @Test
    void shouldAcceptAliasAndObjectNameQualifiers() {
        CompiledQuery q = engine.compile("SELECT a.Name, a.Owner.Name FROM Account a WHERE a.Industry = 'Finance'");
        assertEquals(List.of("Name", "Owner.Name"), q.selectedPaths());
        assertEquals(List.of("acme labs"), engine.execute(q, org, false, NOW).rows().stream()
                .map(r -> r.values().get("Name")).toList());
        assertEquals(List.of("acme labs"), names("WHERE Account.Industry = 'Finance'"));
        // On Opportunity, "Account" is a relationship, not a qualifier.
        assertEquals(List.of("Big deal"),
                column("SELECT Name FROM Opportunity WHERE Account.Name = 'Acme Corp'", "Name"));
    }

    @Test
    void shouldTreatKeywordsCaseInsensitivelyAndAcceptNewlines() {
        assertEquals(List.of("acme labs", "Acme Corp"), column("select name\nfrom ACCOUNT\n\twhere industry in"
                + " ('Finance','Technology') and numberofemployees >= 50\norder by name desc nulls last limit 5",
                "Name"));
    }

    @Test
    void shouldBeReusableAcrossExecutionsWithDifferentClocks() {
        CompiledQuery q = engine.compile("SELECT Name FROM Account WHERE CreatedDate = TODAY");
        assertEquals(1, engine.execute(q, org, false, NOW).size());
        assertEquals(1, engine.execute(q, org, false, Instant.parse("2026-11-20T23:00:00Z")).size());
        assertEquals("acme labs", engine.execute(q, org, false, Instant.parse("2026-11-20T23:00:00Z"))
                .rows().get(0).values().get("Name"));
    }

    @Test
    void shouldRejectQueriesCompiledElsewhere() {
        CompiledQuery foreign = new CompiledQuery() {
            @Override
            public String objectName() {
                return "Account";
            }

            @Override
            public boolean isCount() {
                return false;
            }

            @Override
            public List<String> selectedPaths() {
                return List.of("Id");
            }
        };
        assertThrows(IllegalArgumentException.class, () -> engine.execute(foreign, org, false, NOW));
    }
}
