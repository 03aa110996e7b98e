package dev.planbridge.emulator.soql;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Every bad input gets a clear error: deterministic random edits of valid queries either compile and execute, or
 * fail with a SoqlException carrying a code and a message - never any other exception.
 */
class SoqlEngineRobustnessTest {

    private static final String[] SEEDS = {
        "SELECT Id, Name, Owner.Name FROM Account WHERE Name LIKE 'Ac%' AND NumberOfEmployees >= 10 ORDER BY Name"
                + " DESC NULLS LAST LIMIT 5 OFFSET 0",
        "SELECT COUNT() FROM Account WHERE (Industry IN ('a', null) OR Regions__c INCLUDES ('x;y')) AND NOT"
                + " CreatedDate = NEXT_N_DAYS:7",
        "SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity WHERE CloseDate > 2026-01-01"
                + " AND Amount < -1.5) AND LastActivityDate != TODAY AND CreatedDate > 2026-01-01T10:00:00+01:00",
        "SELECT a.Name FROM Account a WHERE a.Description = 'it\\'s \\\\ \\u00e9' AND OwnerId != '005000000000001'",
    };
    private static final String ALPHABET = "SELECTFROMWHEREANDORNOTIN()',.:=<>!-%_\\ \n0123456789aZ;\"";

    @Test
    void shouldFailOnlyWithSoqlExceptionsOnMutatedQueries() {
        TestOrg org = TestOrg.standard();
        String owner = org.insert("User", "Name", "U", "IsActive", true);
        String account = org.insert("Account", "Name", "Acme", "OwnerId", owner, "NumberOfEmployees", 12,
                "Regions__c", "x;y", "CreatedDate", Instant.parse("2026-11-28T00:00:00Z"),
                "LastActivityDate", LocalDate.of(2026, 11, 1), "Description", "it's \\ \u00e9");
        org.insert("Opportunity", "Name", "O", "AccountId", account, "CloseDate", LocalDate.of(2026, 5, 1),
                "Amount", new BigDecimal("-2"));
        SoqlEngine engine = new SoqlEngine(org);
        for (String seed : SEEDS) {
            assertTrue(engine.execute(engine.compile(seed), org, false, Instant.parse("2026-11-29T10:00:00Z"))
                    .size() > 0, "seed query is valid and matches: " + seed);
        }
        Random random = new Random(42);
        int compiled = 0;
        for (int i = 0; i < 5_000; i++) {
            StringBuilder soql = new StringBuilder(SEEDS[random.nextInt(SEEDS.length)]);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(soql.length());
                switch (random.nextInt(3)) {
                    case 0 -> soql.deleteCharAt(at);
                    case 1 -> soql.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    default -> soql.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            }
            try {
                CompiledQuery q = engine.compile(soql.toString());
                assertNotNull(engine.execute(q, org, random.nextBoolean(), Instant.parse("2026-11-29T10:00:00Z")));
                compiled++;
            } catch (SoqlException e) {
                assertNotNull(e.exceptionCode(), soql.toString());
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), soql.toString());
            } catch (RuntimeException | StackOverflowError e) {
                fail("query <" + soql + "> threw " + e, e);
            }
        }
        assertTrue(compiled > 25, "some mutations stay valid (e.g. edits inside strings): " + compiled);
    }
}
