package dev.planbridge.changefeed.runtime;

import dev.planbridge.changefeed.capture.ObjectSpec;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The change feed's settings ({@code changefeed.*}); docs/change-feed.md lists them with their defaults. */
@ConfigMapping(prefix = "changefeed")
public interface FeedConfig {

    /** Off: no capture (the REST API still serves the history). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Captured objects by API name: every field of the org's describe by default ({@code
     * changefeed.objects.Account.enabled=true}), narrowed by {@code include}/{@code exclude}, or a fixed list
     * ({@code changefeed.objects.Account.fields=Name,OwnerId}).
     */
    Map<String, ObjectConfig> objects();

    @WithDefault("5s")
    Duration pollInterval();

    /** Incremental queries start this long before the watermark (late-committed records). */
    @WithDefault("30s")
    Duration overlap();

    /** How often each object's describe is re-read to follow fields added or removed in the org. */
    @WithDefault("5m")
    Duration describeInterval();

    /** A gap longer than this since the last poll triggers a resnapshot with diff (getDeleted keeps 15 days). */
    @WithDefault("P15D")
    Duration resnapshotAfter();

    /** How often getDeleted is consulted as the backup path for deletes (0 disables it). */
    @WithDefault("5m")
    Duration deletedCheckInterval();

    @WithDefault("2000")
    int maxEventsPerCommit();

    /** Username of the sync service's integration user: its changes get origin planbridge-sync. */
    Optional<String> integrationUser();

    ApiBudgetConfig apiBudget();

    HistoryConfig history();

    KafkaConfig kafka();

    /** source.pushId of the integration user's changes, from the sync service's events (see pushes.PushTimeline). */
    PushAttributionConfig pushAttribution();

    interface PushAttributionConfig {
        @WithDefault("true")
        boolean enabled();

        /** Allowed difference between the org's clock (SystemModstamp) and the sync service's (event times). */
        @WithDefault("5s")
        Duration clockSkew();

        @WithDefault("sync.progress")
        String progressTopic();

        @WithDefault("sync.completed")
        String completedTopic();
    }

    /** Pause after REQUEST_LIMIT_EXCEEDED (doubles while it persists, up to 32x). */
    @WithDefault("60s")
    Duration requestLimitPause();

    @WithDefault("1s")
    Duration backoffBase();

    @WithDefault("60s")
    Duration backoffMax();

    interface ObjectConfig {
        @WithDefault("true")
        boolean enabled();

        /** A fixed field list: exactly these are captured, fields added to the org are not followed. */
        Optional<List<String>> fields();

        /**
         * Field name patterns ({@code *} for any characters, case-insensitive) of the describe's fields to capture;
         * absent: all. Not together with {@code fields}.
         */
        Optional<List<String>> include();

        /** Field name patterns of the describe's fields not to capture. Not together with {@code fields}. */
        Optional<List<String>> exclude();

        @WithDefault("INCREMENTAL")
        ObjectSpec.Strategy strategy();

        /** Overrides changefeed.resnapshot-after (e.g. 12 h for ObjectTerritory2Association). */
        Optional<Duration> resnapshotAfter();
    }

    interface ApiBudgetConfig {
        /** The org's daily API request allocation. */
        @WithDefault("1000000")
        long orgDailyAllocation();

        /** The share of it the feed may use (0..1]. */
        @WithDefault("0.25")
        double share();
    }

    interface HistoryConfig {
        /** Consume the change topics into the history table and the live stream. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("P90D")
        Duration retention();

        @WithDefault("changefeed-history")
        String consumerGroup();

        /** How often the live stream looks for new rows. */
        @WithDefault("500ms")
        Duration streamPollInterval();
    }

    interface KafkaConfig {
        @WithDefault("planbridge-changefeed-")
        String transactionalIdPrefix();

        @WithDefault("changefeed.offsets")
        String offsetsTopic();

        /** Put before every crm.* topic name (e.g. "org2."): two feeds can share one cluster. Empty by default. */
        Optional<String> topicPrefix();

        @WithDefault("3")
        int partitions();

        @WithDefault("1")
        short replicationFactor();

        @WithDefault("P7D")
        Duration changesRetention();
    }
}
