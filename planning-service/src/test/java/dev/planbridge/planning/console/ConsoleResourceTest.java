package dev.planbridge.planning.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.planbridge.planning.common.Problem;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The demo-user feature is off unless its folder is configured (the default). */
class ConsoleResourceTest {

    static ConsoleConfig config(String changeFeedUrl, Optional<Path> demoTokensDir) {
        return new ConsoleConfig() {
            @Override
            public String changeFeedUrl() {
                return changeFeedUrl;
            }

            @Override
            public String syncUrl() {
                return "http://sync.example:8083";
            }

            @Override
            public Optional<Path> demoTokensDir() {
                return demoTokensDir;
            }
        };
    }

    @Test
    void shouldAnswer404ForDemoUsersWhenTheFolderIsNotConfigured() {
        ConsoleResource resource = new ConsoleResource(config("http://feed.example:8082", Optional.empty()));

        assertEquals(404, assertThrows(Problem.class, resource::demoUsers).status());
        assertEquals(404, assertThrows(Problem.class, () -> resource.demoToken("planner")).status());
        assertEquals(false, resource.settings().demoUsers());
    }

    @Test
    void shouldGiveUrlsWithoutTrailingSlash() {
        ConsoleResource resource = new ConsoleResource(config("http://feed.example:8082/", Optional.of(Path.of("x"))));

        assertEquals(new ConsoleResource.Settings("http://feed.example:8082", "http://sync.example:8083", true),
                resource.settings());
    }
}
