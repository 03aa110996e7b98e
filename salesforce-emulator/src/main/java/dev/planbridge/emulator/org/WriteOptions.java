package dev.planbridge.emulator.org;

import java.util.function.IntPredicate;

/**
 * Per-call write options: the AllOrNoneHeader, the AllowFieldTruncationHeader, and an injected-fault hook
 * ({@code lockFailure} tells which record indexes fail with UNABLE_TO_LOCK_ROW; set by the fault rules).
 */
public record WriteOptions(boolean allOrNone, boolean allowFieldTruncation, IntPredicate lockFailure,
                           double apiVersion) {
    public static final WriteOptions DEFAULT = new WriteOptions(false, false, null);

    public WriteOptions {
        lockFailure = lockFailure == null ? i -> false : lockFailure;
    }

    /** Options at the newest API version (every field exists). */
    public WriteOptions(boolean allOrNone, boolean allowFieldTruncation, IntPredicate lockFailure) {
        this(allOrNone, allowFieldTruncation, lockFailure, OrgSchema.LATEST_API_VERSION);
    }

    public WriteOptions withAllOrNone(boolean value) {
        return new WriteOptions(value, allowFieldTruncation, lockFailure, apiVersion);
    }

    public WriteOptions withAllowFieldTruncation(boolean value) {
        return new WriteOptions(allOrNone, value, lockFailure, apiVersion);
    }

    /** The client's API version: fields introduced later do not exist for it (INVALID_FIELD). */
    public WriteOptions withApiVersion(double value) {
        return new WriteOptions(allOrNone, allowFieldTruncation, lockFailure, value);
    }
}
