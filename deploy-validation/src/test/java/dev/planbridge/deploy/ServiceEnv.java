package dev.planbridge.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each service reads from its environment in production, from the suite's conventions (docs/configuration.md)
 * and the service's own application.properties (lines that apply in the prod profile):
 * <ul>
 *   <li>required — the conventional connection and credential variables, plus every {@code ${ENV}} reference without a
 *       default, with an empty one, or with one that only works on a laptop (localhost, a file under .planbridge, a demo
 *       identity): those must be provided by a deployment;</li>
 *   <li>known — also the references with a production-safe default (tunables such as {@code ${SYNC_AUTO_PUSH:event}}),
 *       the env form of every property key (Quarkus maps {@code SYNC_AUTO_PUSH} to {@code sync.auto-push}), anything
 *       under a root those keys use ({@code CHANGEFEED_KAFKA_PARTITIONS} for a {@code @ConfigMapping} default), and
 *       {@code QUARKUS_*} or {@code JAVA_OPTS_APPEND}: a deployment may set them; setting anything else is a typo.</li>
 * </ul>
 */
record ServiceEnv(Set<String> required, Set<String> references, Set<String> propertyKeysAsEnv, Set<String> configRoots) {

    static final List<String> SERVICES = List.of("planning-service", "change-feed-service", "sync-service");

    private static final Set<String> EVERY_SERVICE = Set.of(
            "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "KAFKA_BOOTSTRAP_SERVERS", "PLANBRIDGE_JWT_PUBLIC_KEY_LOCATION", "PLANBRIDGE_JWT_ISSUER");
    private static final Set<String> SALESFORCE = Set.of(
            "SALESFORCE_LOGIN_URL", "SALESFORCE_USERNAME", "SALESFORCE_PASSWORD",
            "SALESFORCE_CLIENT_ID", "SALESFORCE_CLIENT_SECRET");
    private static final Set<String> PLANNING_CLIENT = Set.of("PLANNING_URL", "PLANNING_TOKEN");

    /** ${NAME} or ${NAME:default}: group 1 the name, group 2 the default (null when none). */
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    /** Defaults that only work on a developer machine. */
    private static final Pattern LOCAL_ONLY_DEFAULT =
            Pattern.compile("(?i)localhost|127\\.0\\.0\\.1|\\.planbridge/|\\.demo\\b|@");

    boolean isKnown(String envName) {
        return required.contains(envName) || references.contains(envName) || propertyKeysAsEnv.contains(envName)
                || envName.startsWith("QUARKUS_") || envName.equals("JAVA_OPTS_APPEND")
                // @ConfigMapping settings with code defaults are not in the file, but share a root with keys that are.
                || configRoots.stream().anyMatch(root -> envName.startsWith(root + "_"));
    }

    /** Service name to what it reads, for the three services of this repository. */
    static Map<String, ServiceEnv> of(Path repoRoot) {
        Map<String, ServiceEnv> services = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Path properties = repoRoot.resolve(service).resolve("src/main/resources/application.properties");
            if (!Files.isRegularFile(properties)) {
                throw new IllegalStateException("Missing " + properties + ": cannot tell which variables " + service + " reads");
            }
            services.put(service, parse(service, RepoFiles.read(properties)));
        }
        return services;
    }

    static ServiceEnv parse(String service, String propertiesText) {
        Set<String> required = new TreeSet<>(EVERY_SERVICE);
        if (!service.equals("planning-service")) {
            required.addAll(SALESFORCE);
        }
        if (service.equals("sync-service")) {
            required.addAll(PLANNING_CLIENT);
        }
        Set<String> references = new TreeSet<>();
        Set<String> keysAsEnv = new TreeSet<>();
        Set<String> roots = new TreeSet<>();
        for (String rawLine : propertiesText.split("\\R")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            if (line.startsWith("%") && !appliesInProd(line)) {
                continue;
            }
            String key = line.split("[=:]", 2)[0].strip();
            if (key.startsWith("%")) {
                key = key.substring(key.indexOf('.') + 1);
            }
            keysAsEnv.add(key.replace("\"", "").replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
            String root = key.split("\\.", 2)[0];
            if (key.contains(".") && root.matches("[a-z][a-z0-9-]*")) {
                roots.add(root.replace('-', '_').toUpperCase(Locale.ROOT));
            }
            Matcher matcher = ENV_REFERENCE.matcher(line);
            while (matcher.find()) {
                String name = matcher.group(1);
                String defaultValue = matcher.group(2);
                references.add(name);
                if (defaultValue == null || defaultValue.isBlank() || LOCAL_ONLY_DEFAULT.matcher(defaultValue).find()) {
                    required.add(name);
                }
            }
        }
        return new ServiceEnv(required, references, keysAsEnv, roots);
    }

    /** "%prod.x=..." and "%dev,prod.x=..." apply in production; "%dev.x" and "%test.x" do not. */
    private static boolean appliesInProd(String profiledLine) {
        int dot = profiledLine.indexOf('.');
        String profiles = dot < 0 ? profiledLine.substring(1) : profiledLine.substring(1, dot);
        return List.of(profiles.split(",")).contains("prod");
    }
}
