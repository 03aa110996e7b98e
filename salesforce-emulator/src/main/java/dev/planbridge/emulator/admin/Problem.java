package dev.planbridge.emulator.admin;

/**
 * An admin API error, rendered as RFC 9457 application/problem+json ({@code type}, {@code title}, {@code status},
 * {@code detail}) by {@link AdminApi}.
 */
final class Problem extends RuntimeException {

    private final int status;
    private final String title;

    Problem(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    static Problem badRequest(String detail) {
        return new Problem(400, "Bad Request", detail);
    }

    static Problem notFound(String detail) {
        return new Problem(404, "Not Found", detail);
    }

    static Problem conflict(String detail) {
        return new Problem(409, "Conflict", detail);
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    String detail() {
        return getMessage();
    }
}
