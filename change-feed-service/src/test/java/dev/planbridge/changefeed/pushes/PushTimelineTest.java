package dev.planbridge.changefeed.pushes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.changefeed.capture.ChangeEventFactory;
import dev.planbridge.changefeed.capture.ChangeSeen;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.sync.PushOutcome;
import dev.planbridge.contracts.sync.SyncCompleted;
import dev.planbridge.contracts.sync.SyncProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushTimelineTest {

    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private final PushTimeline timeline = new PushTimeline(Duration.ofSeconds(5));

    private static SyncProgress progress(String pushId, String phase, String object, int secondsAfterT0) {
        return new SyncProgress(SyncProgress.SCHEMA_VERSION, pushId, "plan-1", phase, object, 0, 10, 0, 0, 0, 0, 0,
                T0.plusSeconds(secondsAfterT0));
    }

    private static Instant at(int secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    @Test
    void shouldNameThePushThatWasWritingWhenTheChangeWasStamped() {
        timeline.onProgress(progress("p-1", "READING_PLAN", null, 0));
        timeline.onProgress(progress("p-1", "WRITING", "Territory2", 20));
        timeline.onProgress(progress("p-1", "WRITING", "Account", 40));
        timeline.onProgress(progress("p-1", "DONE", null, 60));

        assertEquals("p-1", timeline.pushAt("Territory2", at(21)));
        assertEquals("p-1", timeline.pushAt("Account", at(59)));
        assertEquals("p-1", timeline.pushAt("Account", at(64)), "the org's clock may be up to 5 s ahead");
        assertEquals("p-1", timeline.pushAt("Territory2", at(16)), "... or behind");
        assertNull(timeline.pushAt("Account", at(10)), "before the push wrote anything (reading is not writing)");
        assertNull(timeline.pushAt("Account", at(66)), "after the push ended");
        assertNull(timeline.pushAt("Account", null));
    }

    @Test
    void shouldNotKnowPushesThatNeverWrote() {
        timeline.onProgress(progress("dry", "READING_PLAN", null, 0));
        timeline.onProgress(progress("dry", "PLANNING", null, 5));
        timeline.onProgress(progress("dry", "DONE", null, 10));
        assertFalse(timeline.knows("dry"));
        assertNull(timeline.pushAt("Account", at(6)));
    }

    @Test
    void shouldTellOverlappingPushesApartByTheObjectEachWasWriting() {
        timeline.onProgress(progress("p-a", "WRITING", "Account", 0));
        timeline.onProgress(progress("p-b", "WRITING", "ObjectTerritory2Association", 10));
        timeline.onProgress(progress("p-a", "WRITING", "Opportunity", 30));
        timeline.onProgress(progress("p-b", "DONE", null, 50));
        timeline.onProgress(progress("p-a", "DONE", null, 60));

        assertEquals("p-a", timeline.pushAt("Account", at(20)));
        assertEquals("p-b", timeline.pushAt("ObjectTerritory2Association", at(20)));
        assertEquals("p-a", timeline.pushAt("Opportunity", at(40)));
        assertNull(timeline.pushAt("ForecastingQuota", at(20)), "neither was writing quotas: no guess");
        assertEquals("p-a", timeline.pushAt("Account", at(57)), "only p-a was still running");
    }

    @Test
    void shouldGiveNoPushWhenTwoWereWritingTheSameObject() {
        timeline.onProgress(progress("p-a", "WRITING", "Account", 0));
        timeline.onProgress(progress("p-b", "WRITING", "Account", 5));
        assertNull(timeline.pushAt("Account", at(10)));
    }

    @Test
    void shouldKeepARunningPushOpenAndCloseItWithItsCompletion() {
        timeline.onProgress(progress("p-1", "WRITING", "Account", 0));
        assertEquals("p-1", timeline.pushAt("Account", at(120)), "still running: no DONE yet");
        assertNull(timeline.pushAt("Account", at(0).plus(PushTimeline.OPEN_PUSH_HORIZON).plusSeconds(60)),
                "a push silent for longer than the horizon is not assumed to be writing");

        // sync.completed alone is enough too, e.g. when the DONE progress event was dropped
        timeline.onCompleted(new SyncCompleted(SyncCompleted.SCHEMA_VERSION, "e-1", "p-1", "plan-1", 1, "apply",
                PushOutcome.SYNCED, 10, 10, 0, 0, 0, 3, at(-5), at(30)));
        assertEquals("p-1", timeline.pushAt("Account", at(30)));
        assertNull(timeline.pushAt("Account", at(120)));

        timeline.onCompleted(new SyncCompleted(SyncCompleted.SCHEMA_VERSION, "e-2", "dry", "plan-1", 1, "dry-run",
                PushOutcome.SYNCED, 10, 0, 0, 0, 0, 3, at(200), at(230)));
        assertFalse(timeline.knows("dry"), "dry runs write nothing");
    }

    @Test
    void shouldForgetPushesThatEndedLongAgo() {
        timeline.onProgress(progress("old", "WRITING", "Account", 0));
        timeline.onProgress(progress("old", "DONE", null, 10));
        timeline.onProgress(progress("recent", "WRITING", "Account", 100));
        timeline.forgetBefore(at(10).plus(PushTimeline.RETENTION).plusSeconds(1));
        assertFalse(timeline.knows("old"));
        assertTrue(timeline.knows("recent"));
        assertEquals(1, timeline.size());
    }

    @Test
    void shouldRejectANegativeClockSkew() {
        assertThrows(IllegalArgumentException.class, () -> new PushTimeline(Duration.ofSeconds(-1)));
    }

    @Test
    void shouldPutThePushIdOnlyOnChangesOfTheIntegrationUser() {
        timeline.onProgress(progress("p-9", "WRITING", "Account", 0));
        ChangeEventFactory factory = new ChangeEventFactory("00D000000000001", "005SYNC", id -> null, timeline,
                Clock.fixed(at(20), ZoneOffset.UTC));
        ChangeEvent own = factory.update(ChangeSeen.polled("Account", "001A", at(10), "005SYNC"), Map.of("Name", "a"),
                Map.of("Name", "b"));
        ChangeEvent someoneElse = factory.update(ChangeSeen.polled("Account", "001B", at(10), "005ADMIN"),
                Map.of("Name", "a"), Map.of("Name", "b"));
        assertEquals("planbridge-sync", own.source().origin());
        assertEquals("p-9", own.source().pushId());
        assertEquals("crm", someoneElse.source().origin());
        assertNull(someoneElse.source().pushId(), "an admin's edit during a push is not the push's");
    }
}
