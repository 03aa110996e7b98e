package dev.planbridge.changefeed.history;

import dev.planbridge.support.problem.ProblemException;

/** A request to the feed API that cannot be answered as asked (answered with 400 problem+json). */
public class InvalidFeedQueryException extends ProblemException {

    public InvalidFeedQueryException(String message) {
        super(400, "Invalid query", message);
    }
}
