package dev.planbridge.testkit;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.feed.ChangeEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A tiny test application: publishes contract events and keeps what it consumes. */
@ApplicationScoped
public class RoundTrip {

    private final CopyOnWriteArrayList<Record<String, ChangeEvent>> received = new CopyOnWriteArrayList<>();

    @Inject
    @Channel("roundtrip-out")
    Emitter<Record<String, String>> emitter;

    void send(ChangeEvent event) {
        emitter.send(Record.of(event.id(), ContractsJson.write(event))).toCompletableFuture().join();
    }

    /** A method, not a field: the injected bean is a client proxy whose own fields stay empty. */
    List<Record<String, ChangeEvent>> received() {
        return List.copyOf(received);
    }

    @Incoming("roundtrip-in")
    void receive(Record<String, String> record) {
        received.add(Record.of(record.key(), ContractsJson.read(record.value(), ChangeEvent.class)));
    }
}
