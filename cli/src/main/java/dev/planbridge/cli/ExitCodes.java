package dev.planbridge.cli;

/** Exit codes of every command; documented in docs/cli.md. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The service rejected the request (bad input, 4xx other than below). */
    public static final int REJECTED = 1;
    /** Wrong command-line usage. */
    public static final int USAGE = 2;
    /** The service could not be reached. */
    public static final int UNREACHABLE = 3;
    /** Not authenticated or not allowed (401/403). */
    public static final int NOT_ALLOWED = 4;
    /** No such plan, push or conflict (404). */
    public static final int NOT_FOUND = 5;
    /** Stale edit or invalid state transition (409/412). */
    public static final int CONFLICT = 6;
    /** The service failed (5xx). */
    public static final int SERVICE_FAILED = 7;
    /** A push finished with records held back as conflicts or failed. */
    public static final int PARTIAL = 8;
    /** The output could not be written: stdout was closed (the reader of a pipe ended) or the disk is full. */
    public static final int OUTPUT_FAILED = 9;

    private ExitCodes() {
    }
}
