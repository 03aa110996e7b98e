package dev.planbridge.emulator;

import dev.planbridge.emulator.org.Org;
import dev.planbridge.emulator.org.OrgSchema;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of one emulator instance. {@link #defaults()} gives the documented demo setup: random ports (0), https on,
 * users {@code admin@planbridge.demo / planbridge-demo} and {@code sync@planbridge.demo / planbridge-sync},
 * OAuth client {@code planbridge-demo-client / planbridge-demo-secret} (runs as the sync user),
 * 2 h session idle timeout, 15 min query-locator idle timeout, 1,000,000 API calls a day.
 *
 * <pre>{@code
 * EmulatorConfig config = EmulatorConfig.defaults().toBuilder().httpPort(8090).httpsPort(8443).build();
 * }</pre>
 */
public final class EmulatorConfig {

    /** An OAuth 2.0 connected app: client_credentials runs as {@code runAsUsername}. */
    public record OAuthClient(String clientId, String clientSecret, String runAsUsername) {
    }

    public static final String DEFAULT_ORG_ID = "00DPb0000000001";
    public static final String ADMIN_USERNAME = "admin@planbridge.demo";
    public static final String ADMIN_PASSWORD = "planbridge-demo";
    public static final String SYNC_USERNAME = "sync@planbridge.demo";
    public static final String SYNC_PASSWORD = "planbridge-sync";
    public static final String DEMO_CLIENT_ID = "planbridge-demo-client";
    public static final String DEMO_CLIENT_SECRET = "planbridge-demo-secret";

    private final String bindAddress;
    private final int httpPort;
    private final int httpsPort;
    private final Path keystore;
    private final String keystorePassword;
    private final Duration sessionIdleTimeout;
    private final Duration queryLocatorIdleTimeout;
    private final long dailyApiAllocation;
    private final int maxConcurrentLongRequests;
    private final Duration longRequestThreshold;
    private final String orgId;
    private final List<Org.DefaultUser> users;
    private final List<OAuthClient> oauthClients;
    private final int workerThreads;
    private final long faultSeed;
    private final OrgSchema schema;

    private EmulatorConfig(Builder b) {
        this.bindAddress = b.bindAddress;
        this.httpPort = b.httpPort;
        this.httpsPort = b.httpsPort;
        this.keystore = b.keystore;
        this.keystorePassword = b.keystorePassword;
        this.sessionIdleTimeout = b.sessionIdleTimeout;
        this.queryLocatorIdleTimeout = b.queryLocatorIdleTimeout;
        this.dailyApiAllocation = b.dailyApiAllocation;
        this.maxConcurrentLongRequests = b.maxConcurrentLongRequests;
        this.longRequestThreshold = b.longRequestThreshold;
        this.orgId = b.orgId;
        this.users = List.copyOf(b.users);
        this.oauthClients = List.copyOf(b.oauthClients);
        this.workerThreads = b.workerThreads;
        this.faultSeed = b.faultSeed;
        this.schema = b.schema;
    }

    public static EmulatorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.bindAddress = bindAddress;
        b.httpPort = httpPort;
        b.httpsPort = httpsPort;
        b.keystore = keystore;
        b.keystorePassword = keystorePassword;
        b.sessionIdleTimeout = sessionIdleTimeout;
        b.queryLocatorIdleTimeout = queryLocatorIdleTimeout;
        b.dailyApiAllocation = dailyApiAllocation;
        b.maxConcurrentLongRequests = maxConcurrentLongRequests;
        b.longRequestThreshold = longRequestThreshold;
        b.orgId = orgId;
        b.users = new ArrayList<>(users);
        b.oauthClients = new ArrayList<>(oauthClients);
        b.workerThreads = workerThreads;
        b.faultSeed = faultSeed;
        b.schema = schema;
        return b;
    }

    /** Interface to bind, default 127.0.0.1 (use 0.0.0.0 in a container). */
    public String bindAddress() { return bindAddress; }
    /** 0 = a random free port. */
    public int httpPort() { return httpPort; }
    /** 0 = a random free port, -1 = no https. */
    public int httpsPort() { return httpsPort; }
    /** PKCS12 keystore with the https key and certificate; null = generate a self-signed one at start. */
    public Path keystore() { return keystore; }
    public String keystorePassword() { return keystorePassword; }
    public Duration sessionIdleTimeout() { return sessionIdleTimeout; }
    public Duration queryLocatorIdleTimeout() { return queryLocatorIdleTimeout; }
    /** API requests allowed per UTC day before REQUEST_LIMIT_EXCEEDED. */
    public long dailyApiAllocation() { return dailyApiAllocation; }
    /** Concurrent requests running longer than {@link #longRequestThreshold()} allowed (Salesforce: 25). */
    public int maxConcurrentLongRequests() { return maxConcurrentLongRequests; }
    /** How long a request runs before it counts as long (Salesforce: 20 s). */
    public Duration longRequestThreshold() { return longRequestThreshold; }
    /** 15- or 18-char organization id (00D...). */
    public String orgId() { return orgId; }
    /** Users created with the org; the first is the admin. */
    public List<Org.DefaultUser> users() { return users; }
    public List<OAuthClient> oauthClients() { return oauthClients; }
    public int workerThreads() { return workerThreads; }
    /** Seed of the fault rules' random numbers (deterministic probability rules). */
    public long faultSeed() { return faultSeed; }
    /** The org's shape: the standard schema, or one customized with --schema (SchemaDirectory). */
    public OrgSchema schema() { return schema; }

    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int httpPort = 0;
        private int httpsPort = 0;
        private Path keystore;
        private String keystorePassword;
        private Duration sessionIdleTimeout = Duration.ofHours(2);
        private Duration queryLocatorIdleTimeout = Duration.ofMinutes(15);
        private long dailyApiAllocation = 1_000_000;
        private int maxConcurrentLongRequests = 25;
        private Duration longRequestThreshold = Duration.ofSeconds(20);
        private String orgId = DEFAULT_ORG_ID;
        private List<Org.DefaultUser> users = new ArrayList<>(List.of(
                new Org.DefaultUser(ADMIN_USERNAME, ADMIN_PASSWORD, "Admin", "User", ADMIN_USERNAME),
                new Org.DefaultUser(SYNC_USERNAME, SYNC_PASSWORD, "Planbridge", "Sync", SYNC_USERNAME)));
        private List<OAuthClient> oauthClients = new ArrayList<>(List.of(
                new OAuthClient(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SYNC_USERNAME)));
        private int workerThreads = 16;
        private long faultSeed = 42;
        private OrgSchema schema = OrgSchema.standard();

        private Builder() {
        }

        public Builder bindAddress(String value) { bindAddress = Objects.requireNonNull(value); return this; }
        public Builder httpPort(int value) { httpPort = value; return this; }
        public Builder httpsPort(int value) { httpsPort = value; return this; }
        public Builder keystore(Path path, String password) { keystore = path; keystorePassword = password; return this; }
        public Builder sessionIdleTimeout(Duration value) { sessionIdleTimeout = Objects.requireNonNull(value); return this; }
        public Builder queryLocatorIdleTimeout(Duration value) { queryLocatorIdleTimeout = Objects.requireNonNull(value); return this; }
        public Builder dailyApiAllocation(long value) { dailyApiAllocation = value; return this; }
        public Builder maxConcurrentLongRequests(int value) { maxConcurrentLongRequests = value; return this; }
        public Builder longRequestThreshold(Duration value) { longRequestThreshold = Objects.requireNonNull(value); return this; }
        public Builder orgId(String value) { orgId = Objects.requireNonNull(value); return this; }
        public Builder users(List<Org.DefaultUser> value) { users = new ArrayList<>(value); return this; }
        public Builder addUser(Org.DefaultUser value) { users.add(value); return this; }
        public Builder oauthClients(List<OAuthClient> value) { oauthClients = new ArrayList<>(value); return this; }
        public Builder workerThreads(int value) { workerThreads = value; return this; }
        public Builder faultSeed(long value) { faultSeed = value; return this; }
        public Builder schema(OrgSchema value) { schema = java.util.Objects.requireNonNull(value); return this; }

        public EmulatorConfig build() {
            if (httpPort < 0 || httpPort > 65535) {
                throw new IllegalArgumentException("http port must be 0..65535: " + httpPort);
            }
            if (httpsPort < -1 || httpsPort > 65535) {
                throw new IllegalArgumentException("https port must be -1 (off) or 0..65535: " + httpsPort);
            }
            if (users.isEmpty()) {
                throw new IllegalArgumentException("at least one user (the admin) is required");
            }
            if (workerThreads < 1) {
                throw new IllegalArgumentException("worker threads must be >= 1");
            }
            if (dailyApiAllocation < 0 || maxConcurrentLongRequests < 0) {
                throw new IllegalArgumentException("limits must not be negative");
            }
            return new EmulatorConfig(this);
        }
    }
}
