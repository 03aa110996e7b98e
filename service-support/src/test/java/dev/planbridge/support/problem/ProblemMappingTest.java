package dev.planbridge.support.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The body every service answers errors with: merged from the planning, change-feed and sync mappers. */
class ProblemMappingTest {

    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void shouldRenderAServiceProblemWithItsStatusTitleDetailAndErrors() {
        Response response = mapper.problem(new ProblemException(409, "Conflict", "The plan is approved",
                List.of(Map.of("field", "name", "reason", "taken"))));
        assertEquals(409, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        Map<String, Object> body = body(response);
        assertEquals(List.of("type", "title", "status", "detail", "errors"), List.copyOf(body.keySet()));
        assertEquals("about:blank", body.get("type"));
        assertEquals("Conflict", body.get("title"));
        assertEquals(409, body.get("status"));
        assertEquals("The plan is approved", body.get("detail"));
    }

    @Test
    void shouldLeaveOutErrorsWhenThereAreNone() {
        Map<String, Object> body = body(mapper.problem(new ProblemException(404, "Not found", "no such push")));
        assertFalse(body.containsKey("errors"));
    }

    @Test
    void shouldAnswerAnIllegalArgumentAsTheCallersBadRequest() {
        Response response = mapper.illegalArgument(new IllegalArgumentException("mode must be dry-run or apply"));
        assertEquals(400, response.getStatus());
        assertEquals("Bad request", body(response).get("title"));
        assertEquals("mode must be dry-run or apply", body(response).get("detail"));
    }

    @Test
    void shouldAnswerAPathParameterThatDoesNotParseAsBadRequestNotNotFound() {
        NotFoundException unparsable = new NotFoundException("not a UUID", new IllegalArgumentException("x"));
        assertEquals(400, mapper.web(unparsable).getStatus());
        assertEquals(404, mapper.web(new NotFoundException("no route")).getStatus());
    }

    @Test
    void shouldHideTheMessageOfAnUnexpectedFailure() {
        Response response = mapper.unexpected(new IllegalStateException("password=secret"));
        assertEquals(500, response.getStatus());
        assertEquals("An unexpected error occurred; see the service log", body(response).get("detail"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Response response) {
        return (Map<String, Object>) response.getEntity();
    }
}
