package dev.planbridge.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns failures into RFC 9457 problem details ({@code application/problem+json}), for every
 * service: {@code type}, {@code title}, {@code status}, {@code detail} and, for bad input, {@code errors} with one
 * {@code field}/{@code reason} entry per bad field. Status codes are decided here or by the {@link ProblemException}
 * a service throws, never in a resource method.
 */
public class ProblemMapper {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException problem) {
        return render(problem.status(), problem.title(), problem.getMessage(), problem.errors());
    }

    /** Refusals the domain states as argument checks ("mode must be dry-run or apply"): the caller's input. */
    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e) {
        return render(400, "Bad request", e.getMessage(), List.of());
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
        return render(400, "Invalid input", "The request body is not acceptable", List.of(fieldError(field, reason)));
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
        List<Map<String, Object>> errors = e.getConstraintViolations().stream()
                .map(v -> {
                    String path = v.getPropertyPath().toString();
                    // strip the method and parameter names: "create.request.name" -> "name"
                    String[] parts = path.split("\\.");
                    String field = parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length)) : path;
                    return fieldError(field, v.getMessage());
                })
                .sorted(Comparator.comparing(error -> (String) error.get("field"),
                        Comparator.nullsFirst(String::compareTo)))
                .toList();
        return render(400, "Invalid input", "The request has invalid fields", errors);
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e) {
        return render(412, "Precondition failed", "It was changed by someone else; reload it and retry", List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 404 && e.getCause() instanceof IllegalArgumentException) {
            return render(400, "Bad request", e.getMessage(), List.of()); // e.g. a path parameter that is not a UUID
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return render(status, known == null ? "Error" : known.getReasonPhrase(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("Unexpected failure while answering a request", e);
        return render(500, "Internal error", "An unexpected error occurred; see the service log", List.of());
    }

    static Map<String, Object> fieldError(String field, String reason) {
        Map<String, Object> error = new LinkedHashMap<>();
        if (field != null) {
            error.put("field", field);
        }
        error.put("reason", reason);
        return error;
    }

    static Response render(int status, String title, String detail, List<?> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
