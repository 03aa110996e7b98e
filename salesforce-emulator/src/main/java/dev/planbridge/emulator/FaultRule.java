package dev.planbridge.emulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * An injected fault: what ({@link Type}), how often (a probability per call — per record for UNABLE_TO_LOCK_ROW — or
 * "the next N" calls/records), and which calls (a SOAP call name like "upsert", and/or an sObject type; null = any).
 *
 * <pre>{@code
 * emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.REQUEST_LIMIT_EXCEEDED, 2).forCall("query"));
 * emulator.faults().add(FaultRule.probability(FaultRule.Type.UNABLE_TO_LOCK_ROW, 0.1).forObject("Account"));
 * emulator.faults().add(FaultRule.probability(FaultRule.Type.LATENCY, 1.0).latency(Duration.ofMillis(300)));
 * }</pre>
 */
public record FaultRule(Type type, double probability, Integer count, String call, String object, Duration latency) {

    public enum Type {
        /** Per record of a write call: the record fails with UNABLE_TO_LOCK_ROW, the others proceed. */
        UNABLE_TO_LOCK_ROW,
        /** The call fails with the REQUEST_LIMIT_EXCEEDED fault. */
        REQUEST_LIMIT_EXCEEDED,
        /** The call fails as with an expired session ("Invalid Session ID found in SessionHeader: Illegal Session"). */
        INVALID_SESSION_ID,
        /** HTTP 503 Service Unavailable, no SOAP body. */
        HTTP_503,
        /** The call is delayed by {@link #latency()} before it runs. */
        LATENCY,
        /** The call is executed (writes applied), then the connection is closed before the full response is sent. */
        DROP_CONNECTION
    }

    public FaultRule {
        Objects.requireNonNull(type, "type");
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("probability must be within [0, 1]: " + probability);
        }
        if (count != null && count < 1) {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        if (type == Type.LATENCY && (latency == null || latency.isNegative() || latency.isZero())) {
            latency = latency == null || latency.isZero() || latency.isNegative() ? Duration.ofMillis(100) : latency;
        }
    }

    /** Fires with probability p on every matching call (per record for UNABLE_TO_LOCK_ROW). */
    public static FaultRule probability(Type type, double p) {
        return new FaultRule(type, p, null, null, null, null);
    }

    /** Fires on the next n matching calls (records for UNABLE_TO_LOCK_ROW), then is used up. */
    public static FaultRule nextCalls(Type type, int n) {
        return new FaultRule(type, 1.0, n, null, null, null);
    }

    /** Restricts the rule to a SOAP call name (case-insensitive), e.g. "upsert", "query", "login". */
    public FaultRule forCall(String callName) {
        return new FaultRule(type, probability, count, callName, object, latency);
    }

    /** Restricts the rule to calls on an sObject type (case-insensitive). */
    public FaultRule forObject(String objectName) {
        return new FaultRule(type, probability, count, call, objectName, latency);
    }

    /** The delay for LATENCY rules. */
    public FaultRule latency(Duration delay) {
        return new FaultRule(type, probability, count, call, object, delay);
    }

    boolean matches(String callName, String objectName) {
        if (call != null && !call.equalsIgnoreCase(callName)) {
            return false;
        }
        return object == null || (objectName != null
                && object.toLowerCase(Locale.ROOT).equals(objectName.toLowerCase(Locale.ROOT)));
    }
}
