package dev.planbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class UserLookupTest {

    static final JsonNode USERS = read("[{\"id\":\"005A00000000001AAA\",\"name\":\"Rita Rep\",\"username\":\"rita@acme.demo\"},"
            + "{\"id\":\"005A00000000002AAA\",\"name\":\"Rita Reporter\",\"username\":\"rr@acme.demo\"}]");

    static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldPreferTheExactNameOrUsernameOverPartialMatches() {
        assertEquals("005A00000000001AAA", UserLookup.pick(USERS, "rita rep", IllegalArgumentException::new));
        assertEquals("005A00000000002AAA", UserLookup.pick(USERS, "RR@acme.demo", IllegalArgumentException::new));
    }

    @Test
    void shouldRefuseAmbiguousAndUnknownNamesNamingTheCandidates() {
        assertEquals("'Rita' fits 2 CRM users: Rita Rep (005A00000000001AAA), Rita Reporter (005A00000000002AAA); "
                        + "give the full name or the id",
                assertThrows(IllegalArgumentException.class,
                        () -> UserLookup.pick(USERS, "Rita", IllegalArgumentException::new)).getMessage());
        assertEquals("No CRM user is named 'Zed' (give a name, a username or a 005… id)",
                assertThrows(IllegalArgumentException.class,
                        () -> UserLookup.pick(read("[]"), "Zed", IllegalArgumentException::new)).getMessage());
    }

    @Test
    void shouldPassIdsThroughWithoutAskingThePlanningService() {
        // a null client would fail if it were asked
        assertEquals("005A00000000001AAA", UserLookup.resolve(null, " 005A00000000001AAA ", IllegalArgumentException::new));
    }
}
