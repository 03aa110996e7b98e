package dev.planbridge.sync.crm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The Salesforce org the sync service writes to (prefix {@code salesforce}). */
@ConfigMapping(prefix = "salesforce")
public interface SalesforceConfig {

    /** SOAP login endpoint, e.g. {@code https://login.salesforce.com/services/Soap/u/64.0}. */
    @WithDefault("http://127.0.0.1:8090/services/Soap/u/64.0")
    String loginUrl();

    Optional<String> username();

    Optional<String> password();

    /** OAuth 2.0 client credentials, used when no username is set. */
    Optional<String> clientId();

    Optional<String> clientSecret();

    /** API version of the service endpoint when logging in by OAuth (username login uses the login URL's). */
    @WithDefault("64.0")
    String apiVersion();

    @WithDefault("10s")
    Duration connectTimeout();

    @WithDefault("120s")
    Duration readTimeout();
}
