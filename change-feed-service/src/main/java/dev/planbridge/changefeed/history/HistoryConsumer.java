package dev.planbridge.changefeed.history;

import dev.planbridge.changefeed.runtime.FeedConfig;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.Topics;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.support.kafka.ConsumerThread;
import dev.planbridge.support.kafka.KafkaClientProperties;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads every {@code crm.*.changes} topic with {@code read_committed} (so aborted capture transactions never show)
 * into the history table, then commits the offsets. A crash between the insert and the offset commit re-delivers
 * events, which the table's unique event id absorbs.
 */
@ApplicationScoped
public class HistoryConsumer {

    private final HistoryRepository repository;
    private final FeedConfig config;
    private final KafkaClientProperties kafka;
    private final ConsumerThread thread;

    public HistoryConsumer(HistoryRepository repository, FeedConfig config, KafkaClientProperties kafka) {
        this.repository = repository;
        this.config = config;
        this.kafka = kafka;
        this.thread = new ConsumerThread("feed-history", this::properties, Duration.ofSeconds(1),
                Duration.ofSeconds(30), this::consume);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.history().enabled()) {
            thread.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        thread.stop(Duration.ofSeconds(10));
    }

    /** Null while healthy, else what is failing. */
    public String problem() {
        return thread.problem();
    }

    private void consume(KafkaConsumer<String, String> kafka) {
        kafka.subscribe(Pattern.compile(Pattern.quote(config.kafka().topicPrefix().orElse(""))
                + Topics.OBJECT_CHANGES_REGEX));
        while (thread.running()) {
            ConsumerRecords<String, String> records = kafka.poll(Duration.ofMillis(500));
            if (records.isEmpty()) {
                continue;
            }
            List<ChangeEvent> events = new ArrayList<>(records.count());
            for (ConsumerRecord<String, String> record : records) {
                if (record.value() != null) {
                    events.add(ContractsJson.read(record.value(), ChangeEvent.class));
                }
            }
            repository.insert(events);
            kafka.commitSync();
            thread.healthy();
        }
    }

    private Properties properties() {
        Properties props = kafka.committedReadConsumer("changefeed-history");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.history().consumerGroup());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        // New crm.*.changes topics (a newly configured object) are picked up within this time.
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "10000");
        return props;
    }
}
