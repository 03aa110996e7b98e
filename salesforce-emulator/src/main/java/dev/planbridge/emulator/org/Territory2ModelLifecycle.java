package dev.planbridge.emulator.org;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The life of a {@code Territory2Model} as Salesforce runs it (see docs/salesforce-emulator.md for the published rules):
 * Planning → Activating → Active → Archiving → Archived. Activation and archiving are asynchronous jobs in Salesforce,
 * so a client's {@code State = Active} is stored as {@code Activating} and becomes {@code Active} (with
 * {@code ActivatedDate}) once the transition delay has passed; at that moment the model that was Active is archived
 * (with {@code DeactivatedDate}) and loses its territory quotas. Plain rules, no tables: {@link ObjectRules} applies
 * {@link #onUpdate} on the write path and {@link Org} applies {@link #due} when calls arrive.
 */
public final class Territory2ModelLifecycle {

    public static final String PLANNING = "Planning";
    public static final String ACTIVATING = "Activating";
    public static final String ACTIVE = "Active";
    public static final String ARCHIVING = "Archiving";
    public static final String ARCHIVED = "Archived";

    /** What the settle step sees of one live model: its state and when it entered it (its SystemModstamp). */
    public record ModelView(String id, String state, Instant since) {
    }

    /** One finished job: the model's new state, and whether it was activated or archived by it. */
    public record Transition(String modelId, String state, boolean activated, boolean archived) {
    }

    private Territory2ModelLifecycle() {
    }

    /** A model is never created mid-job or archived; seed data may create an Active one (checked by ObjectRules). */
    static void onCreate(String state) {
        if (ACTIVATING.equals(state) || ARCHIVING.equals(state) || ARCHIVED.equals(state)) {
            throw RecordFailure.of("FIELD_INTEGRITY_EXCEPTION", "A new territory model starts in Planning state, not "
                    + state + ".", "State");
        }
    }

    /**
     * The state to store for an update of a model in {@code before} state that asks for {@code requested}, or a
     * {@link RecordFailure}: an Archived model can't be changed at all, a model whose job runs can't be changed
     * until it ends, Planning can only move to Active and Active only to Archived.
     *
     * @param otherActivation true when another model is already Activating (one activation at a time)
     */
    static String onUpdate(String before, String requested, boolean otherActivation) {
        if (ARCHIVED.equals(before)) {
            throw RecordFailure.of("FIELD_INTEGRITY_EXCEPTION", "An archived territory model can't be changed.",
                    "State");
        }
        if (ACTIVATING.equals(before) || ARCHIVING.equals(before)) {
            throw RecordFailure.of("FIELD_INTEGRITY_EXCEPTION", "The territory model is " + before
                    + "; it can't be changed until that process is complete.", "State");
        }
        if (requested.equals(before)) {
            return before;
        }
        if (PLANNING.equals(before) && (ACTIVE.equals(requested) || ACTIVATING.equals(requested))) {
            if (otherActivation) {
                throw RecordFailure.of("FIELD_INTEGRITY_EXCEPTION", "Another territory model is being activated; "
                        + "activate this one when that process is complete.", "State");
            }
            return ACTIVATING;
        }
        if (ACTIVE.equals(before) && (ARCHIVED.equals(requested) || ARCHIVING.equals(requested))) {
            return ARCHIVING;
        }
        throw RecordFailure.of("FIELD_INTEGRITY_EXCEPTION", "A territory model in " + before
                + " state can't move to " + requested + " (Planning → Active → Archived).", "State");
    }

    /** Salesforce deletes only Planning and Archived models; the message names the state that stops it. */
    static void requireDeletable(String state) {
        if (!PLANNING.equals(state) && !ARCHIVED.equals(state)) {
            throw RecordFailure.of("DELETE_FAILED", "You can't delete a territory model in " + state
                    + " state. The model must be in Planning or Archived state.");
        }
    }

    /**
     * The jobs that have finished by {@code now}: the earliest due activation makes its model Active and archives
     * every other Active model; a due archive makes its model Archived.
     */
    public static List<Transition> due(List<ModelView> models, Instant now, Duration delay) {
        List<Transition> due = new ArrayList<>();
        ModelView activation = models.stream()
                .filter(m -> ACTIVATING.equals(m.state()) && !m.since().plus(delay).isAfter(now))
                .min(Comparator.comparing(ModelView::since))
                .orElse(null);
        for (ModelView model : models) {
            boolean replaced = activation != null && ACTIVE.equals(model.state());
            boolean archiveDue = ARCHIVING.equals(model.state()) && !model.since().plus(delay).isAfter(now);
            if (replaced || archiveDue) {
                due.add(new Transition(model.id(), ARCHIVED, false, true));
            }
        }
        if (activation != null) {
            due.add(new Transition(activation.id(), ACTIVE, true, false));
        }
        return due;
    }
}
