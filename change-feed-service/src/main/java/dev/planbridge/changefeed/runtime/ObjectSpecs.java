package dev.planbridge.changefeed.runtime;

import dev.planbridge.changefeed.capture.FieldSelection;
import dev.planbridge.changefeed.capture.ObjectSpec;
import java.util.List;

/** Turns one {@code changefeed.objects.<Object>.*} section into the engine's {@link ObjectSpec}. */
final class ObjectSpecs {

    private ObjectSpecs() {
    }

    /** @throws IllegalArgumentException naming the setting when the section contradicts itself */
    static ObjectSpec of(String object, FeedConfig.ObjectConfig config) {
        String prefix = "changefeed.objects." + object + ".";
        if (config.fields().isPresent() && (config.include().isPresent() || config.exclude().isPresent())) {
            throw new IllegalArgumentException(prefix + "fields is a fixed list; " + prefix + "include and " + prefix
                    + "exclude narrow the describe's fields: set one or the other");
        }
        try {
            FieldSelection selection = config.fields().isPresent()
                    ? FieldSelection.fixed(config.fields().get())
                    : FieldSelection.fromDescribe(config.include().orElse(List.of()), config.exclude().orElse(List.of()));
            return new ObjectSpec(object, selection, config.strategy());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "*: " + e.getMessage(), e);
        }
    }
}
