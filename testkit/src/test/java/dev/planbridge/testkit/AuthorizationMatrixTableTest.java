package dev.planbridge.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizationMatrixTableTest {

    private static Map<String, Set<String>> table(String text) {
        return AuthorizationMatrix.table(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldReadOperationsWithTheirRolesAndSkipComments() {
        Map<String, Set<String>> table = table("""
                # who may call what
                get  /api/v1/plans   viewer,planner

                POST /console/x      public
                """);

        assertEquals(Map.of("GET /api/v1/plans", Set.of("viewer", "planner"), "POST /console/x", Set.of("public")), table);
    }

    @Test
    void shouldRefuseUnknownRolesRepeatsAndMalformedLinesNamingTheLine() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> table("GET /a root"))
                .getMessage().startsWith("line 1: unknown role"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> table("GET /a viewer\nGET /a admin"))
                .getMessage().contains("line 2: GET /a is listed twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> table("GET /a"))
                .getMessage().startsWith("line 1: expected 'METHOD PATH roles'"));
    }

    @Test
    void shouldForgeTheClassicBadTokensFromAGoodOne() {
        String good = TestTokens.forUser("ada.admin", "admin");
        String[] unsigned = AuthorizationMatrix.unsigned(good).split("\\.", -1);
        String[] tampered = AuthorizationMatrix.tampered(good).split("\\.", -1);
        String[] parts = good.split("\\.");

        assertTrue(new String(Base64.getUrlDecoder().decode(unsigned[0]), StandardCharsets.UTF_8).contains("\"none\""));
        assertEquals("", unsigned[2], "no signature");
        assertEquals(parts[2], tampered[2], "the original signature over other claims");
        assertNotEquals(parts[1], tampered[1]);
        assertTrue(new String(Base64.getUrlDecoder().decode(tampered[1]), StandardCharsets.UTF_8).contains("eve.admin"));
    }
}
