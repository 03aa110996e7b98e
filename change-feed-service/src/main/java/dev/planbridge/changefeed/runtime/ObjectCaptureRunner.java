package dev.planbridge.changefeed.runtime;

import dev.planbridge.changefeed.capture.ApiBudget;
import dev.planbridge.changefeed.capture.CaptureEngine;
import dev.planbridge.changefeed.capture.CaptureStore;
import dev.planbridge.changefeed.capture.CountingCrmSource;
import dev.planbridge.changefeed.capture.CrmException;
import dev.planbridge.support.retry.Backoff;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Runs the capture of one object on its own thread: wait for the lease, start the engine, poll at the configured
 * pace (slower when the API budget runs low), and on failure back off and restart the engine from what Kafka has
 * committed. Configuration errors (unknown object or field, bad credentials) are retried rarely, and only this object
 * stops flowing.
 */
final class ObjectCaptureRunner implements Runnable {

    private static final Logger LOG = Logger.getLogger(ObjectCaptureRunner.class);
    private static final Duration CONFIGURATION_RETRY = Duration.ofMinutes(5);

    private final String object;
    private final Supplier<CaptureEngine> engineFactory;
    private final CountingCrmSource crm;
    private final CaptureStore store;
    private final ApiBudget budget;
    private final DataSource dataSource;
    private final FeedConfig config;
    private final CaptureMetrics metrics;
    private final Backoff backoff;
    private volatile boolean stopped;
    private volatile Thread thread;

    ObjectCaptureRunner(String object, Supplier<CaptureEngine> engineFactory, CountingCrmSource crm,
            CaptureStore store, ApiBudget budget, DataSource dataSource, FeedConfig config, CaptureMetrics metrics) {
        this.object = object;
        this.engineFactory = engineFactory;
        this.crm = crm;
        this.store = store;
        this.budget = budget;
        this.dataSource = dataSource;
        this.config = config;
        this.metrics = metrics;
        this.backoff = new Backoff(config.backoffBase(), config.backoffMax());
    }

    String object() {
        return object;
    }

    void stop() {
        stopped = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        int requestLimitHits = 0;
        metrics.state(object, CaptureStatus.State.STARTING, null);
        while (!stopped) {
            try (CaptureLease lease = CaptureLease.tryAcquire(dataSource, object)) {
                if (lease == null) {
                    metrics.state(object, CaptureStatus.State.STANDBY, "another instance captures " + object);
                    sleep(config.pollInterval());
                    continue;
                }
                CaptureEngine engine = engineFactory.get();
                engine.start();
                while (!stopped && lease.valid()) {
                    long callsBefore = crm.calls();
                    engine.poll();
                    backoff.reset();
                    requestLimitHits = 0;
                    metrics.state(object, CaptureStatus.State.RUNNING, null);
                    sleep(budget.nextPollDelay(config.pollInterval(), crm.calls() - callsBefore));
                }
            } catch (CrmException e) {
                if (e.isRequestLimit()) {
                    requestLimitHits++;
                    Duration pause = config.requestLimitPause().multipliedBy(1L << Math.min(5, requestLimitHits - 1));
                    metrics.state(object, CaptureStatus.State.PAUSED_REQUEST_LIMIT, e.getMessage());
                    LOG.warnf("%s: Salesforce refused with REQUEST_LIMIT_EXCEEDED; pausing %s", object, pause);
                    sleep(pause);
                } else if (e.isConfigurationError()) {
                    metrics.state(object, CaptureStatus.State.CONFIGURATION_ERROR, e.getMessage());
                    LOG.errorf("%s: cannot capture: %s (retrying in %s; the other objects keep flowing)", object,
                            e.getMessage(), CONFIGURATION_RETRY);
                    sleep(CONFIGURATION_RETRY);
                } else {
                    failed(e);
                }
            } catch (CaptureStore.FencedException e) {
                metrics.state(object, CaptureStatus.State.STANDBY, e.getMessage());
                LOG.warnf("%s: fenced by another instance; standing by", object);
                sleep(config.pollInterval());
            } catch (Exception e) {
                if (stopped) {
                    break;
                }
                failed(e);
            }
        }
        boolean interrupted = Thread.interrupted(); // let the producer close cleanly, then restore the flag
        store.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        metrics.state(object, CaptureStatus.State.STOPPED, null);
    }

    private void failed(Exception e) {
        Duration wait = backoff.next();
        metrics.state(object, CaptureStatus.State.FAILING, e.getClass().getSimpleName() + ": " + e.getMessage());
        LOG.warnf("%s: capture failed (%s: %s); restarting from the committed position in %s ms (failure %d)",
                object, e.getClass().getSimpleName(), e.getMessage(), wait.toMillis(), backoff.failures());
        sleep(wait);
    }

    private void sleep(Duration duration) {
        if (stopped) {
            return;
        }
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
