package dev.planbridge.sync.push;

import dev.planbridge.contracts.sync.SyncProgress;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Live progress of the pushes running on this replica, for Server-Sent Events. */
@ApplicationScoped
public class ProgressHub {

    private final Map<String, List<MultiEmitter<? super SyncProgress>>> listeners = new ConcurrentHashMap<>();

    /** Progress events of one push, starting with {@code current}; completes when the push is done. */
    public Multi<SyncProgress> stream(UUID pushId, SyncProgress current) {
        return Multi.createFrom().emitter(emitter -> {
            emitter.emit(current);
            if ("DONE".equals(current.phase())) {
                emitter.complete();
                return;
            }
            List<MultiEmitter<? super SyncProgress>> list =
                    listeners.computeIfAbsent(pushId.toString(), k -> new CopyOnWriteArrayList<>());
            list.add(emitter);
            emitter.onTermination(() -> list.remove(emitter));
        });
    }

    void publish(SyncProgress event) {
        List<MultiEmitter<? super SyncProgress>> list = listeners.get(event.pushId());
        if (list == null) {
            return;
        }
        for (MultiEmitter<? super SyncProgress> emitter : list) {
            emitter.emit(event);
            if ("DONE".equals(event.phase())) {
                emitter.complete();
            }
        }
        if ("DONE".equals(event.phase())) {
            listeners.remove(event.pushId());
        }
    }
}
