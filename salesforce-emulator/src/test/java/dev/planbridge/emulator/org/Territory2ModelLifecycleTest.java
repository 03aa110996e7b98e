package dev.planbridge.emulator.org;

import dev.planbridge.emulator.org.Territory2ModelLifecycle.ModelView;
import dev.planbridge.emulator.org.Territory2ModelLifecycle.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The territory model state machine as plain rules: what a client may ask, and which jobs are due when. */
class Territory2ModelLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration JOB = Duration.ofSeconds(5);

    @Test
    void shouldStoreActivatingWhenAPlanningModelAsksToBeActive() {
        assertEquals("Activating", Territory2ModelLifecycle.onUpdate("Planning", "Active", false));
        assertEquals("Archiving", Territory2ModelLifecycle.onUpdate("Active", "Archived", false));
        assertEquals("Planning", Territory2ModelLifecycle.onUpdate("Planning", "Planning", true), "other edits pass");
    }

    @Test
    void shouldRefuseEditsToAnArchivedModelAndToAModelWhoseJobRuns() {
        assertEquals("FIELD_INTEGRITY_EXCEPTION", code(() -> Territory2ModelLifecycle.onUpdate("Archived", "Archived",
                false)));
        assertEquals("FIELD_INTEGRITY_EXCEPTION", code(() -> Territory2ModelLifecycle.onUpdate("Activating", "Active",
                false)));
        assertEquals("FIELD_INTEGRITY_EXCEPTION", code(() -> Territory2ModelLifecycle.onUpdate("Archiving",
                "Archiving", false)));
    }

    @Test
    void shouldRefuseSkippedStepsAndASecondActivation() {
        assertEquals("FIELD_INTEGRITY_EXCEPTION", code(() -> Territory2ModelLifecycle.onUpdate("Planning", "Archived",
                false)));
        assertEquals("FIELD_INTEGRITY_EXCEPTION", code(() -> Territory2ModelLifecycle.onUpdate("Active", "Planning",
                false)));
        RecordFailure second = assertThrows(RecordFailure.class,
                () -> Territory2ModelLifecycle.onUpdate("Planning", "Active", true));
        assertTrue(second.getMessage().contains("Another territory model is being activated"), second.getMessage());
        assertEquals(List.of("State"), second.error.fields());
    }

    @Test
    void shouldDeleteOnlyPlanningAndArchivedModels() {
        Territory2ModelLifecycle.requireDeletable("Planning");
        Territory2ModelLifecycle.requireDeletable("Archived");
        for (String state : List.of("Active", "Activating", "Archiving")) {
            assertEquals("DELETE_FAILED", code(() -> Territory2ModelLifecycle.requireDeletable(state)), state);
        }
    }

    @Test
    void shouldRefuseCreatingAModelMidJob() {
        Territory2ModelLifecycle.onCreate("Planning");
        Territory2ModelLifecycle.onCreate("Active");
        assertEquals("FIELD_INTEGRITY_EXCEPTION", code(() -> Territory2ModelLifecycle.onCreate("Activating")));
        assertEquals("FIELD_INTEGRITY_EXCEPTION", code(() -> Territory2ModelLifecycle.onCreate("Archived")));
    }

    @Test
    void shouldActivateAndArchiveThePreviousModelOnlyOnceTheJobHasRun() {
        List<ModelView> models = List.of(new ModelView("fy26", "Active", T0.minusSeconds(3600)),
                new ModelView("fy27", "Activating", T0), new ModelView("old", "Archived", T0.minusSeconds(9000)));

        assertEquals(List.of(), Territory2ModelLifecycle.due(models, T0.plus(JOB).minusMillis(1), JOB));
        assertEquals(List.of(new Transition("fy26", "Archived", false, true), new Transition("fy27", "Active", true,
                false)), Territory2ModelLifecycle.due(models, T0.plus(JOB), JOB));
    }

    @Test
    void shouldFinishADirectArchiveWithoutActivatingAnything() {
        List<ModelView> models = List.of(new ModelView("fy26", "Archiving", T0), new ModelView("fy27", "Planning", T0));
        assertEquals(List.of(new Transition("fy26", "Archived", false, true)),
                Territory2ModelLifecycle.due(models, T0.plus(JOB), JOB));
    }

    private static String code(Runnable action) {
        return assertThrows(RecordFailure.class, action::run).error.statusCode();
    }
}
