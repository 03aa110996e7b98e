package dev.planbridge.emulator.generate;

import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.org.ChangeLogEntry;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.emulator.org.OrgSchema;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivitySimulatorTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);

    private static Org generatedOrg(Clock clock) {
        Org org = new Org(EmulatorConfig.DEFAULT_ORG_ID, EmulatorConfig.defaults().users(), clock);
        OrgGenerator.generate(org, new OrgGenerator.Options(400, 24, 42, LocalDate.of(2026, 11, 29)));
        return org;
    }

    @Test
    void shouldLogEveryChangeAsASalesUserNotTheSyncUser() {
        Org org = generatedOrg(FIXED);
        String syncUser = (String) org.find(OrgSchema.USER, "Username", EmulatorConfig.SYNC_USERNAME).get(0).get("Id");

        int applied = new ActivitySimulator(org).runNow(300, 7);

        assertEquals(300, applied);
        List<ChangeLogEntry> log = org.changeLog();
        assertTrue(log.size() >= 300, "at least one change-log entry per change, was " + log.size());
        assertTrue(log.stream().noneMatch(e -> e.userId().equals(syncUser)));
        Set<String> actors = log.stream().map(ChangeLogEntry::userId).collect(Collectors.toSet());
        assertTrue(actors.size() > 5, "changes come from many users");
        Set<String> kinds = log.stream().map(e -> e.object() + " " + e.op()).collect(Collectors.toSet());
        assertTrue(kinds.containsAll(Set.of("Account UPDATE", "Account CREATE", "Opportunity UPDATE",
                "Opportunity CREATE", "ObjectTerritory2Association DELETE", "ObjectTerritory2Association CREATE",
                "Account DELETE")), "all kinds of change appear: " + kinds);
        assertTrue(log.stream().anyMatch(e -> e.op() == ChangeLogEntry.Op.UPDATE
                && e.changedFields().contains("OwnerId")), "owner changes");
    }

    @Test
    void shouldMakeTheSameChangesForTheSameSeed() {
        Org first = generatedOrg(FIXED);
        Org second = generatedOrg(FIXED);
        Org third = generatedOrg(FIXED);

        new ActivitySimulator(first).runNow(200, 11);
        new ActivitySimulator(second).runNow(200, 11);
        new ActivitySimulator(third).runNow(200, 12);

        assertEquals(first.changeLog(), second.changeLog());
        assertNotEquals(first.changeLog(), third.changeLog());
    }

    @Test
    void shouldChangeTheOrgAtTheRequestedRateUntilStopped() throws InterruptedException {
        Org org = generatedOrg(Clock.systemUTC());
        try (ActivitySimulator simulator = new ActivitySimulator(org)) {
            simulator.start(400, 3);
            assertTrue(simulator.status().running());
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (simulator.changes() < 60 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            simulator.stop();

            ActivitySimulator.Status status = simulator.status();
            assertFalse(status.running());
            assertTrue(status.changes() >= 60, "changes applied: " + status.changes());
            assertEquals(status.changes(), status.changesByKind().values().stream().mapToLong(Long::longValue).sum());
            long logged = org.changeLog().size();
            assertTrue(logged >= status.changes());
            Thread.sleep(100);
            assertEquals(logged, org.changeLog().size(), "no changes after stop");
        }
    }

    @Test
    void shouldRejectBadRatesAndSynchronousRunsWhileRunning() {
        Org org = generatedOrg(FIXED);
        try (ActivitySimulator simulator = new ActivitySimulator(org)) {
            assertThrows(IllegalArgumentException.class, () -> simulator.start(0, 1));
            assertThrows(IllegalArgumentException.class, () -> simulator.start(20_000, 1));
            simulator.start(1, 1);
            assertThrows(IllegalStateException.class, () -> simulator.runNow(1, 1));
        }
    }

    @Test
    void shouldPaceWithoutBurstingAfterAStall() {
        ActivitySimulator.Pacer pacer = new ActivitySimulator.Pacer(100, 0);
        assertEquals(10, pacer.due(100_000_000L));
        assertEquals(0, pacer.due(100_000_000L));
        assertEquals(100, pacer.due(60_000_000_000L), "at most one second's worth after a stall");
        assertEquals(1, pacer.due(60_010_000_000L));
    }
}
