package dev.planbridge.changefeed.capture.kafka;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.planbridge.changefeed.capture.CaptureBatch;
import dev.planbridge.changefeed.capture.CapturePosition;
import dev.planbridge.changefeed.capture.CaptureStore;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.feed.ChangeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka side of one object's capture. One transactional producer ({@code transactional.id =
 * <prefix><object>}, so a new instance fences a zombie) writes each batch in ONE transaction to three topics: the
 * change events ({@code crm.<object>.changes}), the latest images ({@code crm.<object>.state}, compacted, tombstone
 * on delete), the capture position plus deleted-record markers ({@code changefeed.offsets}, compacted) and, when the
 * captured field list changed, the schema change ({@code crm.schema.changes}). On open,
 * the state and offsets topics are read back with {@code read_committed}, after {@code initTransactions()} has
 * aborted whatever the previous owner left open.
 */
public final class KafkaCaptureStore implements CaptureStore {

    private static final System.Logger LOG = System.getLogger(KafkaCaptureStore.class.getName());
    private static final TypeReference<Map<String, Object>> IMAGE = new TypeReference<>() {
    };
    private static final String DELETED = "/deleted/";

    private final String object;
    private final KafkaFeedTopics topics;
    private final String transactionalIdPrefix;
    private final Map<String, Object> clientProperties;
    private final CrashPoint crashPoint;
    private KafkaProducer<String, String> producer;

    /** Test hook: called at each step of a commit so that a test can stop the process there. */
    @FunctionalInterface
    public interface CrashPoint {
        CrashPoint NONE = step -> {
        };

        void reached(String step);
    }

    public KafkaCaptureStore(String object, KafkaFeedTopics topics, String transactionalIdPrefix,
            Map<String, Object> clientProperties, CrashPoint crashPoint) {
        this.object = object;
        this.topics = topics;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.clientProperties = Map.copyOf(clientProperties);
        this.crashPoint = crashPoint == null ? CrashPoint.NONE : crashPoint;
    }

    public String transactionalId() {
        return transactionalIdPrefix + object.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Restored open() {
        close();
        topics.ensure(object);
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        // A commit carries up to max-events-per-commit events plus as many images: large batches mean few
        // produce requests per transaction (the 16 KiB default needs one round trip per ~25 events and partition).
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        // Fences the previous owner of this transactional id and aborts its open transaction, so the
        // read_committed reads below see a settled log.
        producer.initTransactions();
        Map<String, Map<String, Object>> images = new HashMap<>();
        readAll(topics.state(object), record -> {
            if (record.value() == null) {
                images.remove(record.key());
            } else {
                images.put(record.key(), readImage(record.value()));
            }
        });
        Map<String, Instant> markers = new HashMap<>();
        CapturePosition[] position = new CapturePosition[1];
        String markerPrefix = object + DELETED;
        readAll(topics.offsetsTopic(), record -> {
            if (record.key().equals(object)) {
                position[0] = record.value() == null ? null : ContractsJson.read(record.value(), CapturePosition.class);
            } else if (record.key().startsWith(markerPrefix)) {
                String id = record.key().substring(markerPrefix.length());
                if (record.value() == null) {
                    markers.remove(id);
                } else {
                    markers.put(id, ContractsJson.read(record.value(), DeletedMarker.class).deletedAt());
                }
            }
        });
        LOG.log(System.Logger.Level.INFO, "{0}: restored {1} images, {2} deleted markers, position {3}",
                object, images.size(), markers.size(), position[0]);
        return new Restored(images, markers, position[0]);
    }

    @Override
    public void commit(CaptureBatch batch) {
        if (producer == null) {
            throw new IllegalStateException("Store of " + object + " is not open");
        }
        try {
            crashPoint.reached("before-begin");
            producer.beginTransaction();
            String changes = topics.changes(object);
            String state = topics.state(object);
            for (ChangeEvent event : batch.events()) {
                producer.send(new ProducerRecord<>(changes, event.id(), ContractsJson.write(event)));
            }
            crashPoint.reached("events-sent");
            if (batch.schemaChange() != null) {
                // In the transaction of the position that records the new field list: published exactly once.
                producer.send(new ProducerRecord<>(topics.schemaChanges(), object,
                        ContractsJson.write(batch.schemaChange())));
            }
            batch.images().forEach((id, image) ->
                    producer.send(new ProducerRecord<>(state, id, image == null ? null : ContractsJson.write(image))));
            batch.deletedMarkers().forEach((id, marker) ->
                    producer.send(new ProducerRecord<>(topics.offsetsTopic(), object + DELETED + id,
                            marker == null ? null : ContractsJson.write(new DeletedMarker(marker)))));
            producer.send(new ProducerRecord<>(topics.offsetsTopic(), object, ContractsJson.write(batch.position())));
            crashPoint.reached("before-commit");
            producer.commitTransaction();
            crashPoint.reached("committed");
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            closeQuietly();
            throw new FencedException("Another instance took over the capture of " + object, e);
        } catch (KafkaException e) {
            // Whether the transaction committed is unknown: re-opening (initTransactions + restore) settles it.
            closeQuietly();
            throw e;
        }
    }

    private void readAll(String topic, java.util.function.Consumer<ConsumerRecord<String, String>> sink) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "changefeed-restore-" + UUID.randomUUID());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Under read_committed the end offsets are the last stable offsets.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaException("Timed out restoring " + topic + " for " + object);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(sink);
            }
        }
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing producer of " + object, e);
            }
            producer = null;
        }
    }

    private Map<String, Object> readImage(String json) {
        try {
            return ContractsJson.mapper().readValue(json, IMAGE);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable image in " + topics.state(object) + ": " + e.getMessage(), e);
        }
    }

    /** Value of a deleted-record marker in the offsets topic. */
    public record DeletedMarker(Instant deletedAt) {
    }
}
