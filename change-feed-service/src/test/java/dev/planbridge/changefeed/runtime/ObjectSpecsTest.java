package dev.planbridge.changefeed.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.changefeed.capture.ObjectSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The changefeed.objects.<Object>.* section as the engine's ObjectSpec, and its contradictions named. */
class ObjectSpecsTest {

    private static FeedConfig.ObjectConfig section(List<String> fields, List<String> include, List<String> exclude) {
        return new FeedConfig.ObjectConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Optional<List<String>> fields() {
                return Optional.ofNullable(fields);
            }

            @Override
            public Optional<List<String>> include() {
                return Optional.ofNullable(include);
            }

            @Override
            public Optional<List<String>> exclude() {
                return Optional.ofNullable(exclude);
            }

            @Override
            public ObjectSpec.Strategy strategy() {
                return ObjectSpec.Strategy.INCREMENTAL;
            }

            @Override
            public Optional<Duration> resnapshotAfter() {
                return Optional.empty();
            }
        };
    }

    @Test
    void shouldFollowTheDescribeUnlessAFixedListIsConfigured() {
        assertTrue(ObjectSpecs.of("Account", section(null, null, null)).fields().followsDescribe());
        assertTrue(ObjectSpecs.of("Account", section(null, List.of("*__c"), List.of("Secret__c"))).fields()
                .followsDescribe());
        ObjectSpec fixed = ObjectSpecs.of("Account", section(List.of("Name", "Owner.Name"), null, null));
        assertFalse(fixed.fields().followsDescribe());
        assertEquals(List.of("Name", "Owner.Name"), fixed.fields().fixedFields());
    }

    @Test
    void shouldNameTheKeysOfAContradictoryOrMalformedSection() {
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> ObjectSpecs.of("Account", section(List.of("Name"), List.of("*__c"), null)));
        assertTrue(both.getMessage().contains("changefeed.objects.Account.fields")
                && both.getMessage().contains("changefeed.objects.Account.include"), both.getMessage());
        IllegalArgumentException pattern = assertThrows(IllegalArgumentException.class,
                () -> ObjectSpecs.of("Account", section(null, null, List.of("Bad Name"))));
        assertTrue(pattern.getMessage().contains("changefeed.objects.Account.") && pattern.getMessage()
                .contains("'Bad Name'"), pattern.getMessage());
        IllegalArgumentException field = assertThrows(IllegalArgumentException.class,
                () -> ObjectSpecs.of("Account", section(List.of("Name", "1st"), null, null)));
        assertTrue(field.getMessage().contains("'1st'"), field.getMessage());
    }
}
