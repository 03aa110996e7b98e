package dev.planbridge.sync.activation;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The clock activations are scheduled on; tests replace it to move time instead of waiting. */
@ApplicationScoped
public class ActivationClock {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
