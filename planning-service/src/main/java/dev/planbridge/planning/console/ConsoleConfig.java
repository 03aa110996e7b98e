package dev.planbridge.planning.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Settings of the web console served at {@code /console/} (prefix {@code planbridge.console}). */
@ConfigMapping(prefix = "planbridge.console")
public interface ConsoleConfig {

    /** Base URL the browser uses for the change-feed service (it must allow the console's origin through CORS). */
    @WithDefault("http://localhost:8082")
    String changeFeedUrl();

    /** Base URL the browser uses for the sync service. */
    @WithDefault("http://localhost:8083")
    String syncUrl();

    /**
     * Folder with the local stack's demo tokens ({@code <role>.jwt}). Unset (the default) turns one-click demo
     * users off: the endpoints answer 404. Only for the local demo stack, never in a real deployment.
     */
    Optional<Path> demoTokensDir();
}
