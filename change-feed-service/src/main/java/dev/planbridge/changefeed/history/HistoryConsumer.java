package dev.planbridge.changefeed.history;

import dev.planbridge.changefeed.capture.Backoff;
import dev.planbridge.changefeed.runtime.FeedConfig;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.Topics;
import dev.planbridge.contracts.feed.ChangeEvent;
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
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads every {@code crm.*.changes} topic with {@code read_committed} (so aborted capture transactions never show)
 * into the history table, then commits the offsets. A crash between the insert and the offset commit re-delivers
 * events, which the table's unique event id absorbs.
 */
@ApplicationScoped
public class HistoryConsumer {

    private static final Logger LOG = Logger.getLogger(HistoryConsumer.class);

    private final HistoryRepository repository;
    private final FeedConfig config;
    private final String bootstrapServers;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private volatile boolean stopped;
    private volatile String problem;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public HistoryConsumer(HistoryRepository repository, FeedConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers) {
        this.repository = repository;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.history().enabled()) {
            return;
        }
        thread = new Thread(this::run, "feed-history");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Null while healthy, else what is failing. */
    public String problem() {
        return problem;
    }

    private void run() {
        while (!stopped) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(properties(), new StringDeserializer(),
                    new StringDeserializer())) {
                consumer = kafka;
                kafka.subscribe(Pattern.compile(Pattern.quote(config.kafka().topicPrefix().orElse(""))
                        + Topics.OBJECT_CHANGES_REGEX));
                while (!stopped) {
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
                    problem = null;
                    backoff.reset();
                }
            } catch (WakeupException e) {
                // shutting down
            } catch (RuntimeException e) {
                if (stopped) {
                    break;
                }
                problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                Duration wait = backoff.next();
                LOG.warnf("History consumer failed (%s); retrying in %d ms", problem, wait.toMillis());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                consumer = null;
            }
        }
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.history().consumerGroup());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        // New crm.*.changes topics (a newly configured object) are picked up within this time.
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "10000");
        return props;
    }
}
