package dev.planbridge.emulator.soql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Correctness over 100,000 accounts, each expectation computed independently of the engine. Speed is measured by
 * {@link SoqlBenchmark} (docs/benchmarks/soql.md), not asserted here.
 */
class SoqlEngineLargeOrgTest {

    private static final int ACCOUNTS = 100_000;
    private static LargeOrgFixture fixture;
    private static SoqlEngine engine;

    @BeforeAll
    static void givenALargeOrg() {
        fixture = new LargeOrgFixture(ACCOUNTS);
        engine = new SoqlEngine(fixture.org);
    }

    private QueryRows run(String soql) {
        return engine.execute(engine.compile(soql), fixture.org, false, Instant.parse("2026-03-01T00:00:00Z"));
    }

    @Test
    void shouldFilterASimpleWhereOverAllRows() {
        QueryRows rows = run("SELECT Id, Name FROM Account WHERE Industry = 'energy' AND NumberOfEmployees < 50000");
        Set<String> expected = new HashSet<>();
        IntStream.range(0, 50_000).filter(i -> i % 5 == 2).forEach(i -> expected.add(fixture.accounts.get(i)));
        assertEquals(expected.size(), rows.size());
        Set<String> actual = new HashSet<>();
        rows.rows().forEach(r -> actual.add(r.id()));
        assertEquals(expected, actual);
    }

    @Test
    void shouldCountWithLikeAndParentFilter() {
        long expected = IntStream.range(0, ACCOUNTS)
                .filter(i -> ("Account " + i).startsWith("Account 99") && (i % 50) % 10 != 0).count();
        assertEquals(expected, run("SELECT COUNT() FROM Account WHERE Name LIKE 'account 99%'"
                + " AND Owner.IsActive = true").size());
    }

    @Test
    void shouldSortOnlyTheMatchesAndApplyLimitAndOffset() {
        QueryRows rows = run("SELECT Name, Owner.Name FROM Account WHERE Industry IN ('Finance', 'Retail')"
                + " ORDER BY NumberOfEmployees DESC LIMIT 5 OFFSET 2");
        List<Object> expected = IntStream.iterate(ACCOUNTS - 1, i -> i >= 0, i -> i - 1)
                .filter(i -> i % 5 == 1 || i % 5 == 3).skip(2).limit(5).mapToObj(i -> (Object) ("Account " + i))
                .toList();
        assertEquals(expected, rows.rows().stream().map(r -> r.values().get("Name")).toList());
        ResultRow first = rows.rows().get(0);
        int firstIndex = Integer.parseInt(((String) first.values().get("Name")).substring(8));
        assertEquals("User " + firstIndex % 50, ((ResultRow) first.values().get("Owner")).values().get("Name"));
    }

    @Test
    void shouldEvaluateSemiJoinOverTheLargeOrg() {
        Set<String> expected = new HashSet<>();
        for (int o = 0; o < ACCOUNTS / 10; o++) {
            if (o % 3 == 0) {
                expected.add(fixture.accounts.get(o * 7 % ACCOUNTS));
            }
        }
        QueryRows rows = run("SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity"
                + " WHERE IsClosed = true)");
        Set<String> actual = new HashSet<>();
        rows.rows().forEach(r -> actual.add(r.id()));
        assertEquals(expected, actual);
        assertEquals(ACCOUNTS - expected.size(), run("SELECT COUNT() FROM Account WHERE Id NOT IN"
                + " (SELECT AccountId FROM Opportunity WHERE IsClosed = true)").size());
    }

    @Test
    void shouldStopScanningOnceLimitIsReachedWithoutOrderBy() {
        int before = fixture.org.rowsIterated();
        QueryRows rows = run("SELECT Id FROM Account LIMIT 10 OFFSET 5");
        assertEquals(10, rows.size());
        assertEquals(15, fixture.org.rowsIterated() - before, "rows are streamed, not copied before filtering");
    }

    @Test
    void shouldFilterDatetimesByRelativeLiterals() {
        // now = 2026-03-01; accounts were created one per minute from 2026-01-01: January holds minutes
        // 0 .. 44,639, February (LAST_MONTH) 44,640 .. 84,959, March (THIS_MONTH) the rest.
        assertEquals(ACCOUNTS - 84_960, run("SELECT COUNT() FROM Account WHERE CreatedDate = THIS_MONTH").size());
        assertEquals(84_960 - 44_640, run("SELECT COUNT() FROM Account WHERE CreatedDate = LAST_MONTH").size());
        assertEquals(44_640, run("SELECT COUNT() FROM Account WHERE CreatedDate < LAST_MONTH").size());
        assertEquals(1440, run("SELECT COUNT() FROM Account WHERE CreatedDate = 2026-01-02T00:00:00Z"
                + " OR (CreatedDate > 2026-01-02T00:00:00Z AND CreatedDate < 2026-01-03T00:00:00Z)").size());
    }
}
