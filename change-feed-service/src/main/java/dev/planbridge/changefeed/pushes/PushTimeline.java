package dev.planbridge.changefeed.pushes;

import dev.planbridge.changefeed.capture.PushAttribution;
import dev.planbridge.contracts.sync.SyncCompleted;
import dev.planbridge.contracts.sync.SyncProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * When each sync push was writing, learnt from the sync service's own events ({@code sync.progress}: WRITING per
 * object, DONE; {@code sync.completed}: startedAt/finishedAt), so that a change of the integration user can name the
 * push that made it. Salesforce records carry no client or transaction id that SOQL could return (CDC's
 * {@code changeOrigin} is not available for polled objects), so the join is by time, the way change streams are joined
 * with a writer's transaction log: a change stamped T belongs to push P when P was writing at T (give or take the clock
 * skew between the org and the sync service) and no other push was — if several were, only one of which was writing
 * that object, that one. Anything less certain gives null: a wrong push id would be worse than none.
 */
public final class PushTimeline implements PushAttribution {

    /** A push without DONE/completion is considered to run on for this long after its last progress event. */
    static final Duration OPEN_PUSH_HORIZON = Duration.ofMinutes(15);
    /** Finished pushes are forgotten this long after they ended (the change feed is seconds behind, not days). */
    static final Duration RETENTION = Duration.ofDays(2);

    private final Duration clockSkew;
    private final Map<String, Push> pushes = new HashMap<>();

    public PushTimeline(Duration clockSkew) {
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock skew must not be negative: " + clockSkew);
        }
        this.clockSkew = clockSkew;
    }

    private static final class Push {
        final String id;
        Instant writeStart;
        Instant lastSeen;
        Instant end;
        /** When the push started writing each object (the first WRITING event naming it). */
        final Map<String, Instant> objectStarts = new HashMap<>();
        /** All object-level WRITING events by time: the object being written at a moment is the latest before it. */
        final TreeMap<Instant, String> objectTimeline = new TreeMap<>();

        Push(String id) {
            this.id = id;
        }

        void started(Instant at) {
            writeStart = writeStart == null || at.isBefore(writeStart) ? at : writeStart;
            seen(at);
        }

        void seen(Instant at) {
            lastSeen = lastSeen == null || at.isAfter(lastSeen) ? at : lastSeen;
        }
    }

    public synchronized void onProgress(SyncProgress progress) {
        if (progress == null || progress.pushId() == null || progress.at() == null || progress.phase() == null) {
            return;
        }
        switch (progress.phase()) {
            case "WRITING" -> {
                Push push = pushes.computeIfAbsent(progress.pushId(), Push::new);
                push.started(progress.at());
                if (progress.object() != null) {
                    push.objectStarts.merge(progress.object(), progress.at(),
                            (a, b) -> a.isBefore(b) ? a : b);
                    push.objectTimeline.put(progress.at(), progress.object());
                }
            }
            case "DONE" -> {
                Push push = pushes.get(progress.pushId());
                if (push != null) { // a push that never wrote (dry run, nothing to do) stays unknown
                    push.seen(progress.at());
                    push.end = progress.at();
                }
            }
            default -> {
                Push push = pushes.get(progress.pushId());
                if (push != null) {
                    push.seen(progress.at());
                }
            }
        }
    }

    public synchronized void onCompleted(SyncCompleted completed) {
        if (completed == null || completed.pushId() == null || !"apply".equals(completed.mode())
                || completed.startedAt() == null || completed.finishedAt() == null) {
            return;
        }
        Push push = pushes.computeIfAbsent(completed.pushId(), Push::new);
        push.started(completed.startedAt());
        push.seen(completed.finishedAt());
        push.end = completed.finishedAt();
    }

    @Override
    public synchronized String pushAt(String object, Instant systemModstamp) {
        if (systemModstamp == null) {
            return null;
        }
        List<Push> candidates = new ArrayList<>();
        for (Push push : pushes.values()) {
            if (push.writeStart == null) {
                continue;
            }
            Instant from = push.writeStart.minus(clockSkew);
            Instant to = (push.end != null ? push.end : push.lastSeen.plus(OPEN_PUSH_HORIZON)).plus(clockSkew);
            if (!systemModstamp.isBefore(from) && !systemModstamp.isAfter(to)) {
                candidates.add(push);
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0).id;
        }
        // Several pushes were writing: the one that was writing this object then, if only one was.
        List<Push> writingObject = candidates.stream().filter(push -> writing(push, object, systemModstamp)).toList();
        return writingObject.size() == 1 ? writingObject.get(0).id : null;
    }

    private boolean writing(Push push, String object, Instant at) {
        Instant started = push.objectStarts.get(object);
        if (started == null || at.isBefore(started.minus(clockSkew))) {
            return false;
        }
        // the object written last before `at` (skew allowed on both sides) must be this one
        Map.Entry<Instant, String> current = push.objectTimeline.floorEntry(at.plus(clockSkew));
        Map.Entry<Instant, String> earlier = push.objectTimeline.floorEntry(at.minus(clockSkew));
        return current != null && (object.equals(current.getValue())
                || earlier != null && object.equals(earlier.getValue()));
    }

    /** Forgets pushes that ended long ago, so memory stays bounded however long the service runs. */
    public synchronized void forgetBefore(Instant now) {
        Instant limit = now.minus(RETENTION);
        pushes.values().removeIf(push -> (push.end != null ? push.end : push.lastSeen) != null
                && (push.end != null ? push.end : push.lastSeen).isBefore(limit));
    }

    public synchronized int size() {
        return pushes.size();
    }

    public synchronized boolean knows(String pushId) {
        return pushes.containsKey(pushId);
    }
}
