package dev.planbridge.sync.push;

import java.util.UUID;

/**
 * A CDI event fired after each committed chunk of a plan save ({@link PlanSaver}): which push, which part
 * ({@code discard}, {@code operations}, {@code conflicts}, {@code events}), the chunk's number from 1 and its rows.
 * {@code planId} is the push's plan.
 * Observed synchronously: an observer that throws stops the save there, as a crash between two chunks would.
 */
public record PlanChunkSaved(UUID pushId, String planId, String part, int chunk, int rows) {
}
