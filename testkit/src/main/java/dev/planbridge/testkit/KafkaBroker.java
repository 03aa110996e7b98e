package dev.planbridge.testkit;

import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real single-node Kafka broker per JVM, in KRaft combined mode (one broker and one controller in the
 * same node), started from the Kafka jars: no ZooKeeper, no Docker. Transactions work (replication factor 1).
 */
public final class KafkaBroker {

    private static KafkaClusterTestKit cluster;

    private KafkaBroker() {
    }

    public static synchronized KafkaClusterTestKit shared() {
        if (cluster == null) {
            // An embedded broker must never end the test JVM: Kafka halts its process on some faults (e.g. a log
            // directory going away while it shuts down at JVM exit), which Surefire reports as a failed fork even
            // though every test passed. Report the fault instead; a broken broker then fails the tests that use it.
            Exit.Procedure report = (status, message) -> System.err.println(
                    "Embedded Kafka broker asked to stop the JVM (status " + status + "): " + message);
            Exit.setHaltProcedure(report);
            Exit.setExitProcedure(report);
            try {
                KafkaClusterTestKit started = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "3")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("transaction.state.log.num.partitions", "3")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("num.partitions", "1")
                        .setConfigProp("auto.create.topics.enable", "true")
                        .build();
                started.format();
                started.startup();
                started.waitForReadyBrokers();
                cluster = started;
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the in-JVM Kafka broker", e);
            }
            KafkaClusterTestKit toClose = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    toClose.close();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }, "kafka-broker-stop"));
        }
        return cluster;
    }

    public static String bootstrapServers() {
        return shared().bootstrapServers();
    }

    /** Creates topics if they do not exist yet (partitions, replication factor 1). */
    public static void createTopics(int partitions, String... names) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            for (String name : names) {
                try {
                    admin.createTopics(java.util.List.of(new NewTopic(name, partitions, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + name, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }
}
