package dev.planbridge.planning.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTokenFolderTest {

    @TempDir
    Path dir;

    static String jwt(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void shouldHandOutHumanRolesTrimmedAndListOnlyThoseWithAFile() throws Exception {
        String planner = jwt("{\"upn\":\"paula.planner\",\"groups\":[\"planner\"]}");
        Files.writeString(dir.resolve("planner.jwt"), planner + "\n");
        Files.writeString(dir.resolve("admin.jwt"), jwt("{\"upn\":\"ada.admin\",\"groups\":[\"admin\"]}"));
        Files.writeString(dir.resolve("viewer.jwt"), "  \n");

        DemoTokenFolder folder = new DemoTokenFolder(dir);

        assertEquals(Optional.of(planner), folder.token("planner"));
        assertEquals(List.of("planner", "admin"), folder.availableRoles());
        assertEquals(Optional.empty(), folder.token("viewer"), "an empty file is no token");
        assertEquals(Optional.empty(), folder.token("approver"), "a missing file is no token");
    }

    @Test
    void shouldNeverHandOutTheServiceToken() throws Exception {
        Files.writeString(dir.resolve("service.jwt"), jwt("{\"upn\":\"planbridge-service\",\"groups\":[\"service\"]}"));
        Files.writeString(dir.resolve("approver.jwt"), jwt("{\"upn\":\"x\",\"groups\":[\"approver\", \"service\"]}"));

        DemoTokenFolder folder = new DemoTokenFolder(dir);

        assertEquals(Optional.empty(), folder.token("service"));
        assertEquals(Optional.empty(), folder.token("approver"), "a token with the service group stays hidden");
        assertEquals(List.of(), folder.availableRoles());
    }

    @Test
    void shouldRefuseNamesOutsideTheRoleList() throws Exception {
        Files.writeString(dir.resolve("secret.jwt"), jwt("{\"groups\":[\"admin\"]}"));
        DemoTokenFolder folder = new DemoTokenFolder(dir.resolve("sub"));
        Files.createDirectories(dir.resolve("sub"));

        for (String name : new String[] {"../secret", "secret", "PLANNER", "", null}) {
            assertEquals(Optional.empty(), folder.token(name), "name " + name);
        }
    }

    @Test
    void shouldSpotTheServiceGroupInAPayload() {
        assertTrue(DemoTokenFolder.carriesServiceGroup(jwt("{\"groups\":[\"service\"]}")));
        assertEquals(false, DemoTokenFolder.carriesServiceGroup(jwt("{\"groups\":[\"planner\"],\"upn\":\"service\"}")));
        assertEquals(false, DemoTokenFolder.carriesServiceGroup("not-a-jwt"));
    }
}
