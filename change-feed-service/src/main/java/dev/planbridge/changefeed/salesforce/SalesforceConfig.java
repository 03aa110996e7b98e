package dev.planbridge.changefeed.salesforce;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How the feed reaches Salesforce (shared convention of the suite: prefix {@code salesforce}). */
@ConfigMapping(prefix = "salesforce")
public interface SalesforceConfig {

    /** SOAP login endpoint, e.g. https://login.salesforce.com/services/Soap/u/64.0. */
    @WithDefault("http://127.0.0.1:8090/services/Soap/u/64.0")
    String loginUrl();

    Optional<String> username();

    Optional<String> password();

    /** OAuth 2.0 client credentials: used instead of username/password when both are set. */
    Optional<String> clientId();

    Optional<String> clientSecret();

    @WithDefault("64.0")
    String apiVersion();

    /** Records per query page (Salesforce clamps to 200..2000). */
    @WithDefault("2000")
    int queryBatchSize();

    @WithDefault("30000")
    int readTimeoutMillis();
}
