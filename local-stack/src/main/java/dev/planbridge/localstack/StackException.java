package dev.planbridge.localstack;

/**
 * A failure the user can act on: its message is printed as is (one clear sentence saying what to do), never a stack
 * trace.
 */
public class StackException extends RuntimeException {

    private final int exitCode;

    public StackException(String message) {
        this(message, 1);
    }

    public StackException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
