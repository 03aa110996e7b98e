package dev.planbridge.support.kafka;

import dev.planbridge.support.retry.Backoff;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * A daemon thread around a raw {@link KafkaConsumer}, for consumers that SmallRye channels cannot express (topic
 * patterns with read_committed and manual commits, assign-and-seek followers). It owns what every such loop needs:
 * start and stop, a {@code wakeup()} that ends a blocking poll at shutdown, and a fresh consumer after a failure,
 * with exponential backoff. The owner says how to build the consumer and what to do with it. (A field of the
 * owning bean, not its superclass: CDI client proxies and final methods do not mix.)
 */
public final class ConsumerThread {

    private static final Logger LOG = Logger.getLogger(ConsumerThread.class);

    /** What the thread does with each consumer it makes. */
    @FunctionalInterface
    public interface Body {
        /**
         * Subscribes or assigns, then polls while {@link ConsumerThread#running()}; returns or throws to get a fresh
         * consumer. Call {@link ConsumerThread#healthy()} after each successful round so the next failure waits the
         * shortest time again.
         */
        void consume(KafkaConsumer<String, String> kafka);
    }

    private final String name;
    private final Supplier<Properties> properties;
    private final Body body;
    private final Backoff backoff;
    private volatile boolean stopped;
    private volatile String problem;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    /**
     * @param name       the thread's name, also used in log lines
     * @param properties the consumer's properties, asked for each new consumer; deserializers must be String ones
     *                   ({@link KafkaClientProperties#committedReadConsumer} sets them)
     */
    public ConsumerThread(String name, Supplier<Properties> properties, Duration minRetryWait, Duration maxRetryWait,
                          Body body) {
        this.name = name;
        this.properties = properties;
        this.body = body;
        this.backoff = new Backoff(minRetryWait, maxRetryWait);
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        stopped = false;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the loop, interrupting a blocking poll, and waits up to {@code wait} for the thread to end. */
    public void stop(Duration wait) {
        stopped = true;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null && !wait.isZero()) {
            try {
                running.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Null while healthy, else what is failing (for health checks). */
    public String problem() {
        return problem;
    }

    public boolean running() {
        return !stopped;
    }

    public void healthy() {
        problem = null;
        backoff.reset();
    }

    /** Sleeps without ignoring a stop: an interrupt ends the loop. */
    public void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    private void loop() {
        while (!stopped) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(properties.get())) {
                consumer = kafka;
                if (stopped) {
                    return; // stopped before the consumer existed, so no wakeup() reached it
                }
                body.consume(kafka);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                Duration wait = backoff.next();
                LOG.warnf("%s failed (%s); retrying in %d ms", name, problem, wait.toMillis());
                pause(wait);
            } finally {
                consumer = null;
            }
        }
    }
}
