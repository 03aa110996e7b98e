package dev.planbridge.localstack;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The environment variables that connect a service to the rest of the stack (suite-wide names, see
 * docs/configuration.md). Values of credential variables never leave this class except into the child's environment:
 * {@link #describe} masks them.
 */
public final class ServiceEnvironment {

    public static final String SALESFORCE_API_VERSION = "64.0";
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|KEY)$");
    private static final String MASK = "********";

    private ServiceEnvironment() {
    }

    public static Map<String, String> forService(ServiceSpec service, StackPorts ports, Path publicKey,
                                                 String serviceToken) {
        return forService(service, ports, publicKey, serviceToken, null);
    }

    /**
     * As above; {@code demoTokens} (the folder of the demo users' tokens, or null) lets the web console offer
     * one-click demo logins — only a local stack sets it.
     */
    public static Map<String, String> forService(ServiceSpec service, StackPorts ports, Path publicKey,
                                                 String serviceToken, Path demoTokens) {
        Map<String, String> env = new TreeMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(service.port(ports)));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/" + service.database());
        env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.ROLE);
        env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.ROLE_PASSWORD);
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + ports.kafka());
        env.put("SALESFORCE_LOGIN_URL", soapUrl(ports));
        service.salesforce().ifPresent(login -> {
            env.put("SALESFORCE_USERNAME", login.username());
            env.put("SALESFORCE_PASSWORD", login.password());
        });
        if (service.readsPlanning()) {
            env.put("PLANNING_URL", "http://127.0.0.1:" + ports.planning());
            env.put("PLANNING_TOKEN", serviceToken);
        }
        // The web console is served by the planning service and calls the other two services from the browser.
        String consoleOrigins = "http://127.0.0.1:" + ports.planning() + ",http://localhost:" + ports.planning();
        switch (service.process()) {
            case PLANNING_SERVICE -> {
                env.put("PLANBRIDGE_CONSOLE_CHANGE_FEED_URL", "http://127.0.0.1:" + ports.changeFeed());
                env.put("PLANBRIDGE_CONSOLE_SYNC_URL", "http://127.0.0.1:" + ports.sync());
                if (demoTokens != null) {
                    env.put("PLANBRIDGE_CONSOLE_DEMO_USERS_DIR", demoTokens.toAbsolutePath().normalize().toString());
                }
            }
            case CHANGE_FEED_SERVICE, SYNC_SERVICE -> env.put("PLANBRIDGE_CONSOLE_ORIGINS", consoleOrigins);
            default -> {
            }
        }
        // The location is only a path to the public key, but it ends in KEY_LOCATION, not KEY: it is shown as is.
        env.put("PLANBRIDGE_JWT_PUBLIC_KEY_LOCATION", "file:" + publicKey.toAbsolutePath().normalize());
        env.put("PLANBRIDGE_JWT_ISSUER", JwtMaterial.ISSUER);
        return env;
    }

    public static String soapUrl(StackPorts ports) {
        return "http://127.0.0.1:" + ports.emulatorHttp() + "/services/Soap/u/" + SALESFORCE_API_VERSION;
    }

    public static boolean isSecret(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    /** NAME=value lines for troubleshooting output, credentials masked. */
    public static String describe(Map<String, String> env) {
        return env.entrySet().stream()
                .map(e -> e.getKey() + "=" + (isSecret(e.getKey()) ? MASK : e.getValue()))
                .collect(Collectors.joining("\n"));
    }
}
