package dev.planbridge.salesforce;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The one Salesforce configuration of the suite (prefix {@code salesforce}); every service that talks to an org reads
 * it, so a key means the same thing everywhere. Outside Quarkus, {@link SalesforceProperties#toConfig} builds it.
 */
@ConfigMapping(prefix = "salesforce")
public interface SalesforceConfig {

    /** SOAP login endpoint, e.g. {@code https://login.salesforce.com/services/Soap/u/64.0}. */
    @WithDefault("http://127.0.0.1:8090/services/Soap/u/64.0")
    String loginUrl();

    Optional<String> username();

    Optional<String> password();

    /** OAuth 2.0 client credentials: used instead of username/password when both are set. */
    Optional<String> clientId();

    Optional<String> clientSecret();

    /** API version of the service endpoint after an OAuth login (a password login uses the login URL's). */
    @WithDefault("64.0")
    String apiVersion();

    @WithDefault("10s")
    Duration connectTimeout();

    /** How long one call may wait for its answer; a large query page or a 200-record write can take a while. */
    @WithDefault("120s")
    Duration readTimeout();

    /** Records per query page (QueryOptions batchSize; Salesforce clamps it to 200..2000). */
    @WithDefault("2000")
    int queryBatchSize();

    /** How long a describe result is reused before the org is asked again. */
    @WithDefault("15m")
    Duration describeCacheTtl();

    Retry retry();

    /** The retry budget of {@link SalesforceClient}: which faults it retries is declared on the client. */
    interface Retry {

        /** Attempts per call, the first included; 1 turns retries off (a session renewal does not count). */
        @WithDefault("3")
        int maxAttempts();

        /** Wait before the second attempt; it doubles per attempt up to {@link #maxBackoff()}. */
        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("2s")
        Duration maxBackoff();
    }
}
