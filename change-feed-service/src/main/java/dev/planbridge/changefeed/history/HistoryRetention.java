package dev.planbridge.changefeed.history;

import dev.planbridge.changefeed.runtime.FeedConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Keeps the history table to changefeed.history.retention (default 90 days). */
@ApplicationScoped
public class HistoryRetention {

    private static final Logger LOG = Logger.getLogger(HistoryRetention.class);

    private final HistoryRepository repository;
    private final FeedConfig config;

    public HistoryRetention(HistoryRepository repository, FeedConfig config) {
        this.repository = repository;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void apply() {
        int deleted = repository.deleteReceivedBefore(Instant.now().minus(config.history().retention()));
        if (deleted > 0) {
            LOG.infof("History retention removed %d change(s) older than %s", deleted, config.history().retention());
        }
    }
}
