package dev.planbridge.changefeed.pushes;

import dev.planbridge.changefeed.capture.Backoff;
import dev.planbridge.changefeed.capture.PushAttribution;
import dev.planbridge.changefeed.runtime.FeedConfig;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.sync.SyncCompleted;
import dev.planbridge.contracts.sync.SyncProgress;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows the sync service's {@code sync.progress} and {@code sync.completed} topics (from their beginning: they are
 * small and short-lived) into a {@link PushTimeline}, which the capture asks for {@code source.pushId}. Never creates
 * the topics: until the sync service has published, there is simply no push to name.
 */
@ApplicationScoped
public class SyncEventsFollower implements PushAttribution {

    private static final Logger LOG = Logger.getLogger(SyncEventsFollower.class);
    /** How often to look for the sync topics (and new partitions): often until both exist, then rarely. */
    private static final Duration TOPIC_RECHECK_MISSING = Duration.ofSeconds(5);
    private static final Duration TOPIC_RECHECK = Duration.ofMinutes(5);
    private static final Duration FORGET_EVERY = Duration.ofMinutes(10);

    private final FeedConfig.PushAttributionConfig config;
    private final String bootstrapServers;
    private final PushTimeline timeline;
    private volatile boolean stopped;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public SyncEventsFollower(FeedConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers) {
        this.config = config.pushAttribution();
        this.bootstrapServers = bootstrapServers;
        this.timeline = new PushTimeline(this.config.clockSkew());
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        thread = new Thread(this::follow, "sync-events-follower");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public String pushAt(String object, Instant systemModstamp) {
        return config.enabled() ? timeline.pushAt(object, systemModstamp) : null;
    }

    /** Whether the follower has heard of this push (tests wait for it before making the push's changes). */
    public boolean knows(String pushId) {
        return timeline.knows(pushId);
    }

    private void follow() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        while (!stopped) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(properties(), new StringDeserializer(),
                    new StringDeserializer())) {
                consumer = kafka;
                Set<TopicPartition> assigned = new HashSet<>();
                long nextTopicCheck = 0;
                long nextForget = System.nanoTime() + FORGET_EVERY.toNanos();
                while (!stopped) {
                    if (System.nanoTime() >= nextTopicCheck) {
                        boolean bothFound = assignNewPartitions(kafka, assigned);
                        nextTopicCheck = System.nanoTime()
                                + (bothFound ? TOPIC_RECHECK : TOPIC_RECHECK_MISSING).toNanos();
                    }
                    if (assigned.isEmpty()) {
                        sleep(Duration.ofSeconds(1));
                        continue;
                    }
                    for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
                        apply(record);
                    }
                    if (System.nanoTime() >= nextForget) {
                        timeline.forgetBefore(Instant.now());
                        nextForget = System.nanoTime() + FORGET_EVERY.toNanos();
                    }
                    backoff.reset();
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                Duration wait = backoff.next();
                LOG.warnf("Following the sync service's events failed (%s); retrying in %d ms", e.getMessage(),
                        wait.toMillis());
                sleep(wait);
            } finally {
                consumer = null;
            }
        }
    }

    /** Assigns partitions not assigned yet (read from their beginning); true when both topics exist. */
    private boolean assignNewPartitions(KafkaConsumer<String, String> kafka, Set<TopicPartition> assigned) {
        List<TopicPartition> fresh = new ArrayList<>();
        boolean bothFound = true;
        for (String topic : List.of(config.progressTopic(), config.completedTopic())) {
            List<PartitionInfo> partitions = kafka.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                bothFound = false;
                continue;
            }
            for (PartitionInfo info : partitions) {
                TopicPartition partition = new TopicPartition(topic, info.partition());
                if (!assigned.contains(partition)) {
                    fresh.add(partition);
                }
            }
        }
        if (!fresh.isEmpty()) {
            assigned.addAll(fresh);
            kafka.assign(assigned);
            kafka.seekToBeginning(fresh);
        }
        return bothFound;
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        try {
            if (record.topic().equals(config.progressTopic())) {
                timeline.onProgress(ContractsJson.read(record.value(), SyncProgress.class));
            } else {
                timeline.onCompleted(ContractsJson.read(record.value(), SyncCompleted.class));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Ignoring an unreadable record on %s at offset %d: %s", record.topic(), record.offset(),
                    e.getMessage());
        }
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "changefeed-sync-events");
        return props;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
