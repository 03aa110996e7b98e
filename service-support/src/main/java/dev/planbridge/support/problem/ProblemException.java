package dev.planbridge.support.problem;

import java.util.List;

/**
 * A failure the caller can act on, with the HTTP status and title it is answered with; {@link ProblemMapper}
 * renders it as {@code application/problem+json}. Services extend it for their own refusals (not found, conflict,
 * forbidden, invalid input), so the status is decided where the refusal is, and rendered in one place.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<?> errors;

    /**
     * @param errors one entry per bad field or cell, rendered as the body's {@code errors} array (omitted when
     *               empty); any Jackson-serialisable value
     */
    public ProblemException(int status, String title, String detail, List<?> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<?> errors() {
        return errors;
    }
}
