package dev.planbridge.changefeed.capture;

import java.time.Instant;

/**
 * Which sync push made a change of the integration user, for {@code source.pushId}. Answers null when it cannot
 * tell for sure (no push known at that moment, or several candidates).
 */
@FunctionalInterface
public interface PushAttribution {

    PushAttribution NONE = (object, systemModstamp) -> null;

    String pushAt(String object, Instant systemModstamp);
}
