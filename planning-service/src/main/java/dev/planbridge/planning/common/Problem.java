package dev.planbridge.planning.common;

import dev.planbridge.support.problem.ProblemException;
import java.util.List;

/**
 * A failure the caller can act on; rendered as {@code application/problem+json} by service-support's
 * {@code ProblemMapper}. {@code errors} names each bad field or CSV cell.
 */
public class Problem extends ProblemException {

    public Problem(int status, String title, String detail, List<FieldError> errors) {
        super(status, title, detail, errors);
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

    /** Only {@link FieldError}s go in (the constructors take nothing else). */
    @Override
    @SuppressWarnings("unchecked")
    public List<FieldError> errors() {
        return (List<FieldError>) super.errors();
    }
}
