package dev.planbridge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaServerConfigTest {

    private static Properties load(String rendered) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(rendered));
        return properties;
    }

    @Test
    void shouldRenderASingleNodeKraftBrokerOnLoopback() throws IOException {
        Properties p = load(new KafkaServerConfig(9092, 9093, Path.of("/repo/.planbridge/kafka/data")).render());

        assertEquals("broker,controller", p.getProperty("process.roles"));
        assertEquals("1", p.getProperty("node.id"));
        assertEquals("1@127.0.0.1:9093", p.getProperty("controller.quorum.voters"));
        assertEquals("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093", p.getProperty("listeners"));
        assertEquals("PLAINTEXT://127.0.0.1:9092", p.getProperty("advertised.listeners"));
        assertEquals("CONTROLLER", p.getProperty("controller.listener.names"));
        assertEquals("/repo/.planbridge/kafka/data", p.getProperty("log.dirs"));
    }

    @Test
    void shouldUseReplicationFactorOneEverywhereSoTransactionsWorkOnOneNode() throws IOException {
        Properties p = load(new KafkaServerConfig(1, 2, Path.of("/data")).render());

        assertEquals("1", p.getProperty("offsets.topic.replication.factor"));
        assertEquals("1", p.getProperty("transaction.state.log.replication.factor"));
        assertEquals("1", p.getProperty("transaction.state.log.min.isr"));
        assertEquals("1", p.getProperty("default.replication.factor"));
        assertEquals("1", p.getProperty("share.coordinator.state.topic.replication.factor"));
    }

    @Test
    void shouldEscapeADataPathSoItReadsBackUnchanged() throws IOException {
        Path odd = Path.of("/home/me/work=tree:#1!/data\\x");

        Properties p = load(new KafkaServerConfig(9092, 9093, odd).render());

        assertEquals(odd.toString(), p.getProperty("log.dirs"));
    }

    @Test
    void shouldOfferTheBootstrapAddress() {
        assertEquals("127.0.0.1:19092", new KafkaServerConfig(19092, 19093, Path.of("/d")).bootstrapServers());
    }
}
