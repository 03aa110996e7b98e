package dev.planbridge.cli;

/**
 * A service answered with an error. Rendered as one line from the problem details (title and detail), never as a
 * stack trace.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;

    public ApiException(int status, String title, String detail) {
        super(title + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** Exit code scripts can trust: see {@link ExitCodes}. */
    public int exitCode() {
        if (status == 401 || status == 403) {
            return ExitCodes.NOT_ALLOWED;
        }
        if (status == 404) {
            return ExitCodes.NOT_FOUND;
        }
        if (status == 409 || status == 412) {
            return ExitCodes.CONFLICT;
        }
        if (status >= 400 && status < 500) {
            return ExitCodes.REJECTED;
        }
        return ExitCodes.SERVICE_FAILED;
    }
}
