package dev.planbridge.planning.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place that turns failures into RFC 9457 problem details. */
public class ProblemMapper {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(Problem problem) {
        return render(problem.status(), problem.title(), problem.getMessage(), problem.errors());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        String field = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        String reason;
        if (e instanceof UnrecognizedPropertyException unknown) {
            reason = "unknown field '" + unknown.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException invalid) {
            reason = "'" + invalid.getValue() + "' is not a valid " + invalid.getTargetType().getSimpleName();
        } else if (e instanceof MismatchedInputException) {
            reason = "wrong type or shape: " + e.getOriginalMessage();
        } else {
            reason = "malformed JSON: " + e.getOriginalMessage();
        }
        return render(400, "Invalid input", "The request body is not acceptable", List.of(FieldError.of(field, reason)));
    }

    // Quarkus REST ships mappers for these exact types; mapping them here keeps every error problem+json
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> {
                    String path = v.getPropertyPath().toString();
                    // strip the method and parameter names: "create.request.name" -> "name"
                    String[] parts = path.split("\\.");
                    String field = parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : path;
                    return FieldError.of(field, v.getMessage());
                })
                .sorted(java.util.Comparator.comparing(FieldError::field, java.util.Comparator.nullsFirst(String::compareTo)))
                .toList();
        return render(400, "Invalid input", "The request has invalid fields", errors);
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e) {
        return render(412, "Precondition failed", "The plan was changed by someone else; reload it and retry", List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return render(status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected failure", e);
        return render(500, "Internal error", "An unexpected error occurred; see the service log", List.of());
    }

    static Response render(int status, String title, String detail, List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
