package dev.planbridge.planning.common;

import java.util.List;

/**
 * A failure the caller can act on; rendered as {@code application/problem+json} by {@link ProblemMapper}.
 * {@code errors} names each bad field or CSV cell.
 */
public class Problem extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public Problem(int status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public Problem(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static Problem badRequest(String detail, List<FieldError> errors) {
        return new Problem(400, "Invalid input", detail, errors);
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "Invalid input", detail);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "Not found", detail);
    }

    public static Problem conflict(String detail) {
        return new Problem(409, "Conflict", detail);
    }

    public static Problem forbidden(String detail) {
        return new Problem(403, "Forbidden", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
