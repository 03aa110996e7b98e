package dev.planbridge.changefeed.runtime;

import dev.planbridge.changefeed.capture.ApiBudget;
import dev.planbridge.changefeed.capture.CaptureEngine;
import dev.planbridge.changefeed.capture.CaptureSettings;
import dev.planbridge.changefeed.capture.CountingCrmSource;
import dev.planbridge.changefeed.capture.ObjectSpec;
import dev.planbridge.changefeed.capture.PushAttribution;
import dev.planbridge.changefeed.capture.kafka.KafkaCaptureStore;
import dev.planbridge.changefeed.capture.kafka.KafkaFeedTopics;
import dev.planbridge.changefeed.pushes.SyncEventsFollower;
import dev.planbridge.changefeed.salesforce.WscCrmSource;
import dev.planbridge.salesforce.SalesforceConfig;
import dev.planbridge.salesforce.SalesforceProperties;
import dev.planbridge.support.kafka.KafkaClientProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/** Starts one capture thread per configured object at startup and stops them at shutdown. */
@ApplicationScoped
public class CaptureSupervisor {

    private static final Logger LOG = Logger.getLogger(CaptureSupervisor.class);

    private final FeedConfig config;
    private final SalesforceConfig salesforce;
    private final Config rawConfig;
    private final DataSource dataSource;
    private final CaptureMetrics metrics;
    private final MeterRegistry registry;
    private final KafkaClientProperties kafka;
    private final PushAttribution pushes;
    private final List<ObjectCaptureRunner> runners = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private ApiBudget budget;

    public CaptureSupervisor(FeedConfig config, SalesforceConfig salesforce, DataSource dataSource,
            CaptureMetrics metrics, MeterRegistry registry, SyncEventsFollower pushes, Config rawConfig,
            KafkaClientProperties kafka) {
        this.config = config;
        this.salesforce = salesforce;
        this.rawConfig = rawConfig;
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.registry = registry;
        this.kafka = kafka;
        this.pushes = pushes;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Change capture is disabled (changefeed.enabled=false)");
            return;
        }
        double share = config.apiBudget().share();
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("changefeed.api-budget.share must be in (0, 1], got " + share);
        }
        budget = new ApiBudget(Math.max(1, Math.round(config.apiBudget().orgDailyAllocation() * share)),
                Clock.systemUTC());
        Gauge.builder("changefeed.api.budget.daily.calls", budget, ApiBudget::dailyCalls)
                .description("API calls the feed may use per 24 h").register(registry);
        Gauge.builder("changefeed.api.calls.used", budget, ApiBudget::used)
                .description("API calls used in the last 24 h").register(registry);

        Map<String, Object> kafkaCommon = Map.of("bootstrap.servers", kafka.bootstrapServers());
        KafkaFeedTopics topics = new KafkaFeedTopics(kafkaCommon, config.kafka().offsetsTopic(), config.kafka().partitions(),
                config.kafka().replicationFactor(), config.kafka().changesRetention(),
                config.kafka().topicPrefix().orElse(""));
        for (Map.Entry<String, FeedConfig.ObjectConfig> entry : new TreeMap<>(config.objects()).entrySet()) {
            FeedConfig.ObjectConfig objectConfig = entry.getValue();
            if (!objectConfig.enabled()) {
                continue;
            }
            ObjectSpec spec = ObjectSpecs.of(entry.getKey(), objectConfig);
            CaptureSettings settings = new CaptureSettings(config.overlap(),
                    objectConfig.resnapshotAfter().orElse(config.resnapshotAfter()),
                    config.deletedCheckInterval(), config.maxEventsPerCommit(), config.describeInterval());
            WscCrmSource salesforceSource;
            metrics.register(spec.name());
            try {
                // A renamed key (salesforce.read-timeout-millis) would otherwise be ignored without a word.
                SalesforceProperties.refuseRenamed(rawConfig.getPropertyNames());
                salesforceSource = new WscCrmSource(salesforce);
            } catch (IllegalArgumentException e) {
                // e.g. no credentials: the API keeps serving the history, health tells what is wrong
                metrics.state(spec.name(), CaptureStatus.State.CONFIGURATION_ERROR, e.getMessage());
                LOG.errorf("%s: cannot capture: %s", spec.name(), e.getMessage());
                continue;
            }
            CountingCrmSource crm = new CountingCrmSource(salesforceSource, budget);
            FunctionCounter.builder("changefeed.api.calls", crm, CountingCrmSource::calls)
                    .description("Salesforce API calls made by the capture").tag("object", spec.name())
                    .register(registry);
            KafkaCaptureStore store = new KafkaCaptureStore(spec.name(), topics,
                    config.kafka().transactionalIdPrefix(), kafkaCommon, null);
            ObjectCaptureRunner runner = new ObjectCaptureRunner(spec.name(),
                    () -> new CaptureEngine(spec, crm, store, settings, config.integrationUser().orElse(null),
                            pushes, metrics, Clock.systemUTC()),
                    crm, store, budget, dataSource, config, metrics);
            runners.add(runner);
            Thread thread = new Thread(runner, "capture-" + spec.name());
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        LOG.infof("Capturing %d object(s), polling every %s", runners.size(), config.pollInterval());
    }

    void onStop(@Observes ShutdownEvent event) {
        runners.forEach(ObjectCaptureRunner::stop);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public List<CaptureStatus> statuses() {
        return metrics.statuses();
    }

    public boolean enabled() {
        return config.enabled();
    }
}
