package dev.planbridge.emulator;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.emulator.soap.OAuthEndpoint;
import dev.planbridge.emulator.soap.PartnerService;
import dev.planbridge.emulator.soap.SoapEndpoint;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running Salesforce org emulator: a plain JDK HTTP(S) server speaking the SOAP Partner API, embeddable in-process.
 *
 * <pre>{@code
 * try (SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.defaults())) {
 *     ConnectorConfig config = new ConnectorConfig();
 *     config.setAuthEndpoint(emulator.soapUrl("64.0"));       // http://127.0.0.1:PORT/services/Soap/u/64.0
 *     config.setUsername(EmulatorConfig.ADMIN_USERNAME);
 *     config.setPassword(EmulatorConfig.ADMIN_PASSWORD);
 *     PartnerConnection connection = Connector.newConnection(config);
 *     emulator.org().insert(emulator.org().adminUserId(), "Account", Map.of("Name", "Acme"));
 *     emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.REQUEST_LIMIT_EXCEEDED, 1).forCall("query"));
 * }
 * }</pre>
 *
 * <p>Endpoints: {@code /services/Soap/u/{40.0..66.0}[/{orgId}]} (SOAP), {@code /services/oauth2/token} (OAuth),
 * plus handlers registered with {@link #registerHandler} under {@code /emulator/} and {@code /q/} (admin API,
 * metrics, health — owned by the emulator-ops code). For https, trust {@link #certificatePem()} or use
 * {@link #clientSslContext()}.
 */
public final class SalesforceEmulator implements AutoCloseable {

    private final EmulatorConfig config;
    private final Org org;
    private final FaultRules faults;
    private final ApiCounters counters = new ApiCounters();
    private final ApiLimits limits;
    private final Sessions sessions;
    private volatile SelfSignedCertificate certificate;
    private final java.util.concurrent.CompletableFuture<SelfSignedCertificate> pendingCertificate;
    private final ExecutorService executor;
    private final HttpServer httpServer;
    private final HttpsServer httpsServer;
    private final SoapEndpoint soapEndpoint;
    private final List<String> registeredPaths = new ArrayList<>();

    private SalesforceEmulator(EmulatorConfig config) throws IOException {
        this.config = config;
        // Key generation, signing and TLS setup cost more CPU than anything else at start (mostly class loading):
        // done on a thread of its own while the org, the endpoints and the http server are set up.
        this.pendingCertificate = config.httpsPort() >= 0 && config.keystore() == null
                ? generateCertificateInBackground() : null;
        Clock clock = Clock.systemUTC();
        this.org = new Org(config.orgId(), config.users(), clock, config.schema());
        this.faults = new FaultRules(config.faultSeed());
        this.limits = new ApiLimits(clock, config.dailyApiAllocation(), config.maxConcurrentLongRequests(),
                config.longRequestThreshold());
        this.sessions = new Sessions(clock, org.orgId(), config.sessionIdleTimeout());
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "sf-emulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        this.soapEndpoint = new SoapEndpoint(this);
        // A replaced org (reset, seed, restore, import) invalidates cursors over the old rows and the sessions of users
        // that no longer exist or are inactive; sessions of users that are still there keep working.
        org.addReplacedListener(() -> {
            soapEndpoint.service().clearQueryCursors();
            sessions.invalidateIf(session -> !org.isActiveUser(session.userId()));
        });
        OAuthEndpoint oauth = new OAuthEndpoint(this);
        InetAddress bind = InetAddress.getByName(config.bindAddress());

        this.httpServer = HttpServer.create(new InetSocketAddress(bind, config.httpPort()), 128);
        configure(httpServer, oauth);
        if (config.httpsPort() >= 0) {
            this.certificate = config.keystore() != null
                    ? SelfSignedCertificate.load(config.keystore(), config.keystorePassword()) : null;
            // Bound now (a taken port fails the start at once); the TLS configuration follows in start().
            this.httpsServer = HttpsServer.create(new InetSocketAddress(bind, config.httpsPort()), 128);
            configure(httpsServer, oauth);
        } else {
            this.certificate = null;
            this.httpsServer = null;
        }
    }

    private static java.util.concurrent.CompletableFuture<SelfSignedCertificate> generateCertificateInBackground() {
        java.util.concurrent.CompletableFuture<SelfSignedCertificate> future = new java.util.concurrent.CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                SelfSignedCertificate certificate = SelfSignedCertificate.generate();
                certificate.serverSslContext(); // initialises JSSE on this thread too
                future.complete(certificate);
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "sf-emulator-certificate");
        thread.setDaemon(true);
        thread.start();
        return future;
    }

    private static SelfSignedCertificate join(java.util.concurrent.CompletableFuture<SelfSignedCertificate> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void configure(HttpServer server, OAuthEndpoint oauth) {
        server.setExecutor(executor);
        server.createContext("/services/Soap/u/", soapEndpoint);
        server.createContext("/services/oauth2/token", oauth);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = ("Not found: " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(404, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
    }

    /** Starts an emulator (binds the ports; generates the https certificate unless a keystore is configured). */
    public static SalesforceEmulator start(EmulatorConfig config) {
        try {
            SalesforceEmulator emulator = new SalesforceEmulator(config);
            // http serves (logins included) while the generated certificate may still be on its way.
            emulator.httpServer.start();
            if (emulator.httpsServer != null) {
                try {
                    if (emulator.certificate == null) {
                        emulator.certificate = join(emulator.pendingCertificate);
                    }
                    emulator.httpsServer.setHttpsConfigurator(
                            new HttpsConfigurator(emulator.certificate.serverSslContext()));
                    emulator.httpsServer.start();
                } catch (RuntimeException e) {
                    emulator.httpServer.stop(0);
                    try {
                        emulator.httpsServer.stop(0); // never started: only its port is released
                    } catch (RuntimeException ignored) {
                        // nothing more to release
                    }
                    emulator.executor.shutdownNow();
                    throw e;
                }
            }
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Salesforce emulator: " + e.getMessage(), e);
        }
    }

    /** Stops both servers at once and releases the ports. */
    @Override
    public void close() {
        httpServer.stop(0);
        if (httpsServer != null) {
            httpsServer.stop(0);
        }
        executor.shutdownNow();
    }

    /**
     * Registers an extra handler on http and https, e.g. the admin API. The path must start with {@code /emulator/}
     * or {@code /q/} (or be exactly {@code /emulator} or {@code /q}).
     */
    public synchronized void registerHandler(String path, HttpHandler handler) {
        if (path == null || !(path.startsWith("/emulator/") || path.startsWith("/q/") || path.equals("/emulator")
                || path.equals("/q"))) {
            throw new IllegalArgumentException("extra handlers must live under /emulator/ or /q/: " + path);
        }
        if (registeredPaths.contains(path)) {
            throw new IllegalArgumentException("a handler is already registered at " + path);
        }
        httpServer.createContext(path, handler);
        if (httpsServer != null) {
            httpsServer.createContext(path, handler);
        }
        registeredPaths.add(path);
    }

    public EmulatorConfig config() {
        return config;
    }

    public Org org() {
        return org;
    }

    public FaultRules faults() {
        return faults;
    }

    public ApiCounters counters() {
        return counters;
    }

    public ApiLimits limits() {
        return limits;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** Query cursors, batch-size handling and other SOAP-call state. */
    public PartnerService partnerService() {
        return soapEndpoint.service();
    }

    public int httpPort() {
        return httpServer.getAddress().getPort();
    }

    /** -1 when https is off. */
    public int httpsPort() {
        return httpsServer == null ? -1 : httpsServer.getAddress().getPort();
    }

    /** e.g. http://127.0.0.1:8090 */
    public String httpBaseUrl() {
        return "http://" + clientHost() + ":" + httpPort();
    }

    /** e.g. https://127.0.0.1:8443; null when https is off. */
    public String httpsBaseUrl() {
        return httpsServer == null ? null : "https://" + clientHost() + ":" + httpsPort();
    }

    /** The http SOAP endpoint for an API version, e.g. http://127.0.0.1:8090/services/Soap/u/64.0 */
    public String soapUrl(String apiVersion) {
        return httpBaseUrl() + "/services/Soap/u/" + checkVersion(apiVersion);
    }

    /** The https SOAP endpoint for an API version; null when https is off. */
    public String httpsSoapUrl(String apiVersion) {
        return httpsServer == null ? null : httpsBaseUrl() + "/services/Soap/u/" + checkVersion(apiVersion);
    }

    /** The http OAuth token URL. */
    public String oauthTokenUrl() {
        return httpBaseUrl() + "/services/oauth2/token";
    }

    private static String checkVersion(String apiVersion) {
        if (apiVersion == null || !apiVersion.matches("\\d{2}\\.\\d")) {
            throw new IllegalArgumentException("API version must look like 64.0: " + apiVersion);
        }
        return apiVersion;
    }

    private String clientHost() {
        String bind = config.bindAddress();
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind.toLowerCase(Locale.ROOT);
    }

    /** The https certificate (self-signed unless a keystore was configured); null when https is off. */
    public SelfSignedCertificate certificate() {
        return certificate;
    }

    /** The https certificate as PEM, for clients to trust; null when https is off. */
    public String certificatePem() {
        return certificate == null ? null : certificate.certificatePem();
    }

    /** An SSLContext trusting the emulator's certificate (e.g. for ConnectorConfig.setSslContext). */
    public SSLContext clientSslContext() {
        if (certificate == null) {
            throw new IllegalStateException("https is off");
        }
        return certificate.clientSslContext();
    }
}
