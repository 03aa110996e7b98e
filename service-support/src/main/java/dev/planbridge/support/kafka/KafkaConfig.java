package dev.planbridge.support.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Where the Kafka cluster is: the same {@code kafka.bootstrap.servers} the SmallRye channels use, read here once for
 * the clients the services create themselves (outbox relay, raw consumers, the change feed's transactional store).
 */
@ConfigMapping(prefix = "kafka")
public interface KafkaConfig {

    @WithName("bootstrap.servers")
    @WithDefault("localhost:9092")
    String bootstrapServers();
}
