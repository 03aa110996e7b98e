package dev.planbridge.changefeed.pushes;

import dev.planbridge.changefeed.capture.PushAttribution;
import dev.planbridge.changefeed.runtime.FeedConfig;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.sync.SyncCompleted;
import dev.planbridge.contracts.sync.SyncProgress;
import dev.planbridge.support.kafka.ConsumerThread;
import dev.planbridge.support.kafka.KafkaClientProperties;
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
    private final KafkaClientProperties kafka;
    private final PushTimeline timeline;
    private final ConsumerThread thread;

    public SyncEventsFollower(FeedConfig config, KafkaClientProperties kafka) {
        this.config = config.pushAttribution();
        this.kafka = kafka;
        this.timeline = new PushTimeline(this.config.clockSkew());
        this.thread = new ConsumerThread("sync-events-follower", this::properties, Duration.ofSeconds(1),
                Duration.ofSeconds(60), this::follow);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            thread.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        thread.stop(Duration.ZERO);
    }

    @Override
    public String pushAt(String object, Instant systemModstamp) {
        return config.enabled() ? timeline.pushAt(object, systemModstamp) : null;
    }

    /** Whether the follower has heard of this push (tests wait for it before making the push's changes). */
    public boolean knows(String pushId) {
        return timeline.knows(pushId);
    }

    private void follow(KafkaConsumer<String, String> kafka) {
        Set<TopicPartition> assigned = new HashSet<>();
        long nextTopicCheck = 0;
        long nextForget = System.nanoTime() + FORGET_EVERY.toNanos();
        while (thread.running()) {
            if (System.nanoTime() >= nextTopicCheck) {
                boolean bothFound = assignNewPartitions(kafka, assigned);
                nextTopicCheck = System.nanoTime() + (bothFound ? TOPIC_RECHECK : TOPIC_RECHECK_MISSING).toNanos();
            }
            if (assigned.isEmpty()) {
                thread.pause(Duration.ofSeconds(1));
                continue;
            }
            for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
                apply(record);
            }
            if (System.nanoTime() >= nextForget) {
                timeline.forgetBefore(Instant.now());
                nextForget = System.nanoTime() + FORGET_EVERY.toNanos();
            }
            thread.healthy();
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
        Properties props = kafka.committedReadConsumer("changefeed-sync-events");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return props;
    }
}
