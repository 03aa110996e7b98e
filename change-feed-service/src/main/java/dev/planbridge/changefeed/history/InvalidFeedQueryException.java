package dev.planbridge.changefeed.history;

/** A request to the feed API that cannot be answered as asked (answered with 400 problem+json). */
public class InvalidFeedQueryException extends RuntimeException {

    public InvalidFeedQueryException(String message) {
        super(message);
    }
}
