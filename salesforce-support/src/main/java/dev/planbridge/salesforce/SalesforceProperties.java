package dev.planbridge.salesforce;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link SalesforceConfig} without Quarkus: for plain JUnit tests, benchmarks and tools. The same mapping, defaults and
 * conversions as in a service, so a test cannot drift from production configuration.
 */
public final class SalesforceProperties {

    /** Keys that were renamed; a service that still sets one must hear about it rather than silently ignore it. */
    private static final Map<String, String> RENAMED = Map.of(
            "salesforce.read-timeout-millis", "salesforce.read-timeout (a duration such as 30s)");

    private static final Pattern SHORTHAND_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private SalesforceProperties() {
    }

    /**
     * @param properties full keys ({@code salesforce.login-url}) to values; what is missing takes the defaults
     * @throws IllegalArgumentException when a value does not convert (e.g. a timeout that is not a duration) or a
     *                                  renamed key is used
     */
    public static SalesforceConfig toConfig(Map<String, String> properties) {
        properties.keySet().forEach(SalesforceProperties::refuseRenamed);
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(properties, "salesforce-properties", 100))
                    .withConverter(Duration.class, 200, SalesforceProperties::duration)
                    .withMapping(SalesforceConfig.class)
                    .build();
            return config.getConfigMapping(SalesforceConfig.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid Salesforce configuration: " + e.getMessage(), e);
        }
    }

    /**
     * Durations as Quarkus reads them, which plain SmallRye does not: {@code 250ms}, {@code 30s}, {@code 15m},
     * {@code 2h}, {@code 1d}, a bare number of seconds, or ISO-8601 ({@code PT30S}).
     */
    static Duration duration(String text) {
        Matcher shorthand = SHORTHAND_DURATION.matcher(text.trim());
        if (shorthand.matches()) {
            long amount = Long.parseLong(shorthand.group(1));
            return switch (shorthand.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 250ms, 30s, 15m or PT30S)", e);
        }
    }

    /** {@link #refuseRenamed(String)} for every name a service's configuration has (Quarkus: getPropertyNames). */
    public static void refuseRenamed(Iterable<String> keys) {
        keys.forEach(SalesforceProperties::refuseRenamed);
    }

    /**
     * Fails with the new name when {@code key} is a Salesforce key that was renamed, in any of its spellings: with a
     * profile ({@code %prod.salesforce.read-timeout-millis}) or as an environment variable
     * ({@code SALESFORCE_READ_TIMEOUT_MILLIS}).
     */
    public static void refuseRenamed(String key) {
        String plain = key.startsWith("%") && key.indexOf('.') > 0 ? key.substring(key.indexOf('.') + 1) : key;
        for (Map.Entry<String, String> renamed : RENAMED.entrySet()) {
            if (normalised(renamed.getKey()).equals(normalised(plain))) {
                throw new IllegalArgumentException(key + " is no longer read: it was renamed to " + renamed.getValue());
            }
        }
    }

    private static String normalised(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[-_]", ".");
    }
}
