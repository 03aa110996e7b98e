package dev.planbridge.emulator.org;

import java.util.function.IntPredicate;

/**
 * Per-call write options: the AllOrNoneHeader, the AllowFieldTruncationHeader, and an injected-fault hook
 * ({@code lockFailure} tells which record indexes fail with UNABLE_TO_LOCK_ROW; set by the fault rules).
 */
public record WriteOptions(boolean allOrNone, boolean allowFieldTruncation, IntPredicate lockFailure) {
    public static final WriteOptions DEFAULT = new WriteOptions(false, false, null);

    public WriteOptions {
        lockFailure = lockFailure == null ? i -> false : lockFailure;
    }

    public WriteOptions withAllOrNone(boolean value) {
        return new WriteOptions(value, allowFieldTruncation, lockFailure);
    }

    public WriteOptions withAllowFieldTruncation(boolean value) {
        return new WriteOptions(allOrNone, value, lockFailure);
    }
}
