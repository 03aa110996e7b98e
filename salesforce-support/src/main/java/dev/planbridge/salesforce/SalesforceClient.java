package dev.planbridge.salesforce;

import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.ws.ConnectionException;
import dev.planbridge.salesforce.RetryPolicy.CallKind;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The suite's client for one Salesforce org, through force-wsc's {@code PartnerConnection}. It logs in on first use,
 * renews an expired session once per call, and retries with backoff within its {@link RetryPolicy} (as
 * quarkus-super-heroes' {@code VillainClient} declares its retries on the client):
 * <ul>
 *   <li>expired session: log in again and repeat the call, once (the org refused it, so a write cannot double);</li>
 *   <li>request limit and lock: the org refused the call: wait and repeat, reads and writes alike;</li>
 *   <li>transient (5xx, broken connection): wait and repeat reads only; a write's outcome is unknown, so the
 *       fault goes to the caller, which knows how to find out whether it was applied;</li>
 *   <li>permanent: given up at once.</li>
 * </ul>
 * Calls may run on several threads; one login serves them all.
 */
public final class SalesforceClient {

    private static final System.Logger LOG = System.getLogger(SalesforceClient.class.getName());

    /** A force-wsc call made with the current connection. */
    @FunctionalInterface
    public interface Call<T> {
        T run(PartnerConnection connection) throws ConnectionException;
    }

    /** Waits between attempts; tests record the waits instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final SalesforceLogin login;
    private final int queryBatchSize;
    private final RetryPolicy retries;
    private final DescribeCache describes;
    private final Sleeper sleeper;
    private final AtomicLong apiCalls = new AtomicLong();
    private SalesforceLogin.Session session;

    /** @throws IllegalArgumentException when the login URL is not a SOAP endpoint or no complete credentials are set */
    public SalesforceClient(SalesforceConfig config) {
        this(config, duration -> Thread.sleep(duration.toMillis()), Clock.systemUTC());
    }

    SalesforceClient(SalesforceConfig config, Sleeper sleeper, Clock clock) {
        this.login = new SalesforceLogin(config.loginUrl(), config.username().orElse(null),
                config.password().orElse(null), config.clientId().orElse(null), config.clientSecret().orElse(null),
                config.apiVersion(), config.connectTimeout(), config.readTimeout());
        if (config.queryBatchSize() < 200 || config.queryBatchSize() > 2000) {
            throw new IllegalArgumentException("salesforce.query-batch-size must be within 200..2000, got "
                    + config.queryBatchSize());
        }
        this.queryBatchSize = config.queryBatchSize();
        this.retries = RetryPolicy.of(config.retry());
        this.describes = new DescribeCache(config.describeCacheTtl(), clock);
        this.sleeper = sleeper;
    }

    public RetryPolicy retryPolicy() {
        return retries;
    }

    /** The current session, logging in first when there is none. */
    public synchronized SalesforceLogin.Session session() throws SalesforceFault {
        if (session == null) {
            session = open();
        }
        return session;
    }

    /** Drops the session and logs in again. */
    public synchronized SalesforceLogin.Session relogin() throws SalesforceFault {
        session = null;
        return session();
    }

    /** A call that only reads: retried on transient faults too. */
    public <T> T read(String what, Call<T> call) throws SalesforceFault {
        return call(what, CallKind.READ, call);
    }

    /** A call that writes: never repeated once its outcome is unknown. */
    public <T> T write(String what, Call<T> call) throws SalesforceFault {
        return call(what, CallKind.WRITE, call);
    }

    /** The object's describe, from the cache while it is fresh. */
    public DescribeSObjectResult describe(String object) throws SalesforceFault {
        String name = Soql.identifier(object);
        DescribeSObjectResult cached = describes.get(name);
        if (cached != null) {
            return cached;
        }
        DescribeSObjectResult fresh = read("describeSObject " + name, c -> c.describeSObject(name));
        describes.put(name, fresh);
        return fresh;
    }

    /** Asks the org for the object's describe whatever the cache holds, and caches the answer. */
    public DescribeSObjectResult describeFresh(String object) throws SalesforceFault {
        describes.forget(Soql.identifier(object));
        return describe(object);
    }

    /** Drops a cached describe, e.g. after the org refused a field the cached one listed. */
    public void forgetDescribe(String object) {
        describes.forget(object);
    }

    /** API calls made so far: logins (OAuth counts its token request and getUserInfo), every attempt of every call. */
    public long apiCalls() {
        return apiCalls.get();
    }

    private <T> T call(String what, CallKind kind, Call<T> call) throws SalesforceFault {
        boolean renewed = false;
        int attempt = 1;
        while (true) {
            SalesforceLogin.Session current = session();
            try {
                apiCalls.incrementAndGet();
                return call.run(current.connection());
            } catch (ConnectionException e) {
                SalesforceFault fault = FaultClassifier.classify(e);
                if (fault.category() == FaultCategory.SESSION_EXPIRED && !renewed) {
                    LOG.log(System.Logger.Level.INFO, "Salesforce session expired during {0}; logging in again", what);
                    renewIfCurrent(current);
                    renewed = true;
                    continue;
                }
                if (!retries.retries(fault.category(), kind) || attempt >= retries.maxAttempts()) {
                    throw fault;
                }
                Duration wait = retries.backoffAfter(attempt);
                LOG.log(System.Logger.Level.INFO, "{0} failed ({1}, attempt {2} of {3}); retrying in {4} ms", what,
                        fault.code(), attempt, retries.maxAttempts(), wait.toMillis());
                pause(wait, fault);
                attempt++;
            }
        }
    }

    /** Several threads may see the same expiry: only the first logs in again, the others use its session. */
    private synchronized void renewIfCurrent(SalesforceLogin.Session expired) throws SalesforceFault {
        if (session == expired) {
            relogin();
        }
    }

    private void pause(Duration wait, SalesforceFault fault) throws SalesforceFault {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fault.addSuppressed(e);
            throw fault;
        }
    }

    private SalesforceLogin.Session open() throws SalesforceFault {
        apiCalls.addAndGet(login.usesOAuth() ? 2 : 1); // token + getUserInfo, or one SOAP login
        try {
            SalesforceLogin.Session opened = login.open();
            opened.connection().setQueryOptions(queryBatchSize);
            LOG.log(System.Logger.Level.INFO, "Logged in to Salesforce org {0} as {1}", opened.orgId(),
                    opened.username());
            return opened;
        } catch (ConnectionException e) {
            throw FaultClassifier.classify(e);
        } catch (SalesforceLogin.TokenException e) {
            throw FaultClassifier.classify(e);
        }
    }

    @Override
    public String toString() {
        return "SalesforceClient[" + login + ", " + retries + "]";
    }
}
