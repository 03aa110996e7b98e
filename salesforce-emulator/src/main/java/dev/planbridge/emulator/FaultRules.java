package dev.planbridge.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The active fault rules of an emulator (thread-safe). Rules are evaluated in the order they were added; a
 * "next N" rule is removed once used up. Probability rules draw from a seeded Random, so a run is repeatable.
 */
public final class FaultRules {

    /** An active rule with its id and the calls/records it may still affect (null = unlimited). */
    public record ActiveRule(String id, FaultRule rule, Integer remaining, long fired) {
    }

    private final Map<String, ActiveRule> rules = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private Random random;

    FaultRules(long seed) {
        this.random = new Random(seed);
    }

    /** Adds a rule; returns its id (for {@link #remove}). */
    public synchronized String add(FaultRule rule) {
        String id = "fault-" + ids.incrementAndGet();
        rules.put(id, new ActiveRule(id, rule, rule.count(), 0));
        return id;
    }

    public synchronized boolean remove(String id) {
        return rules.remove(id) != null;
    }

    public synchronized void clear() {
        rules.clear();
    }

    /** Re-seeds the random numbers of probability rules. */
    public synchronized void reseed(long seed) {
        random = new Random(seed);
    }

    public synchronized List<ActiveRule> list() {
        return List.copyOf(rules.values());
    }

    /**
     * Call-level rules that fire for this call (everything but UNABLE_TO_LOCK_ROW), consuming "next N" budgets.
     * Used by the SOAP layer.
     */
    public synchronized List<FaultRule> fireForCall(String callName, String objectName) {
        List<FaultRule> fired = new ArrayList<>();
        for (ActiveRule active : new ArrayList<>(rules.values())) {
            FaultRule rule = active.rule();
            if (rule.type() == FaultRule.Type.UNABLE_TO_LOCK_ROW || !rule.matches(callName, objectName)) {
                continue;
            }
            if (tryFire(active)) {
                fired.add(rule);
            }
        }
        return fired;
    }

    /** Whether one record of a write call fails with UNABLE_TO_LOCK_ROW. Used by the SOAP layer. */
    public synchronized boolean fireLockFailure(String callName, String objectName) {
        boolean fail = false;
        for (ActiveRule active : new ArrayList<>(rules.values())) {
            FaultRule rule = active.rule();
            if (rule.type() == FaultRule.Type.UNABLE_TO_LOCK_ROW && rule.matches(callName, objectName)
                    && tryFire(active)) {
                fail = true;
                break;
            }
        }
        return fail;
    }

    private boolean tryFire(ActiveRule active) {
        FaultRule rule = active.rule();
        if (rule.probability() < 1.0 && random.nextDouble() >= rule.probability()) {
            return false;
        }
        Integer remaining = active.remaining() == null ? null : active.remaining() - 1;
        if (remaining != null && remaining <= 0) {
            rules.remove(active.id());
        } else {
            rules.put(active.id(), new ActiveRule(active.id(), rule, remaining, active.fired() + 1));
        }
        return true;
    }
}
