package dev.planbridge.changefeed.capture.kafka;

import dev.planbridge.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the feed's topics with the right settings if they do not exist: changes (delete policy, retention), state
 * and offsets (compacted), schema changes (kept). Existing topics are left as they are (an operator may have tuned them).
 */
public final class KafkaFeedTopics {

    public static final String DEFAULT_OFFSETS_TOPIC = "changefeed.offsets";

    private final Map<String, Object> clientProperties;
    private final String offsetsTopic;
    private final int partitions;
    private final short replicationFactor;
    private final Duration changesRetention;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();
    private final String topicPrefix;

    public KafkaFeedTopics(Map<String, Object> clientProperties, String offsetsTopic, int partitions,
            short replicationFactor, Duration changesRetention) {
        this(clientProperties, offsetsTopic, partitions, replicationFactor, changesRetention, "");
    }

    /**
     * @param topicPrefix put before every change and state topic name (empty by default): lets two feeds, e.g. of two
     *                    orgs, share one cluster
     */
    public KafkaFeedTopics(Map<String, Object> clientProperties, String offsetsTopic, int partitions,
            short replicationFactor, Duration changesRetention, String topicPrefix) {
        this.topicPrefix = topicPrefix == null ? "" : topicPrefix;
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication factor must be at least 1");
        }
        this.clientProperties = Map.copyOf(clientProperties);
        this.offsetsTopic = offsetsTopic;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.changesRetention = changesRetention;
    }

    public String offsetsTopic() {
        return offsetsTopic;
    }

    /** The change topic of an object ({@code crm.<object>.changes}, after the prefix). */
    public String changes(String object) {
        return topicPrefix + Topics.changes(object);
    }

    /** The compacted latest-image topic of an object ({@code crm.<object>.state}, after the prefix). */
    public String state(String object) {
        return topicPrefix + Topics.state(object);
    }

    /** The topic of the captured field lists' changes ({@code crm.schema.changes}, after the prefix). */
    public String schemaChanges() {
        return topicPrefix + Topics.SCHEMA_CHANGES;
    }

    /** Makes sure the object's topics, the offsets topic and the schema-change topic exist. */
    public void ensure(String object) {
        List<NewTopic> wanted = new ArrayList<>();
        if (!ensured.contains(offsetsTopic)) {
            wanted.add(new NewTopic(offsetsTopic, 1, replicationFactor).configs(compacted()));
        }
        if (!ensured.contains(schemaChanges())) {
            // Key = object, so each object's changes stay in order; kept for good: a few events a month, and a late
            // consumer needs every one to read old images right. Partitions as the other crm.* topics.
            wanted.add(new NewTopic(schemaChanges(), partitions, replicationFactor).configs(Map.of(
                    "cleanup.policy", "delete", "retention.ms", "-1")));
        }
        String changes = changes(object);
        if (!ensured.contains(changes)) {
            wanted.add(new NewTopic(changes, partitions, replicationFactor).configs(Map.of(
                    "cleanup.policy", "delete",
                    "retention.ms", Long.toString(changesRetention.toMillis()))));
        }
        String state = state(object);
        if (!ensured.contains(state)) {
            wanted.add(new NewTopic(state, partitions, replicationFactor).configs(compacted()));
        }
        if (wanted.isEmpty()) {
            return;
        }
        Properties props = new Properties();
        props.putAll(clientProperties);
        try (Admin admin = Admin.create(props)) {
            for (NewTopic topic : wanted) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new KafkaException("Cannot create topic " + topic.name(), e.getCause());
                    }
                }
                ensured.add(topic.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new KafkaException("Timed out creating topics for " + object, e);
        }
    }

    private static Map<String, String> compacted() {
        return Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0");
    }
}
