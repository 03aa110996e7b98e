package dev.planbridge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaTopicsTest {

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = {"demo", "production"})
    void shouldHaveAKafkaTopicForEveryDocumentedTopicAndViceVersa(String overlay) {
        TopicCatalog documented = TopicCatalog.load(RepoFiles.root());

        Set<String> declared = new TreeSet<>(kafkaTopics(overlay).keySet());

        assertSameTopics(documented.names(), declared,
                "documented in " + documented.source(), "KafkaTopics of overlays/" + overlay);
    }

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = {"demo", "production"})
    void shouldCompactExactlyTheDocumentedCompactedTopics(String overlay) {
        TopicCatalog documented = TopicCatalog.load(RepoFiles.root());
        kafkaTopics(overlay).forEach((name, topic) -> {
            String policy = topic.path("spec").path("config").path("cleanup.policy").asText("delete");
            Boolean expectedCompacted = documented.compactedByTopic().get(name);
            if (expectedCompacted != null) {
                assertEquals(expectedCompacted, policy.contains("compact"), name + " cleanup.policy=" + policy);
            }
            assertEquals("planbridge", topic.path("metadata").path("labels").path("strimzi.io/cluster").asText(),
                    name + " belongs to the Strimzi cluster planbridge");
            assertTrue(topic.path("apiVersion").asText().startsWith("kafka.strimzi.io/"), name + " is a Strimzi KafkaTopic");
        });
    }

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = {"demo", "production"})
    void shouldPartitionAndRetainAsDocumented(String overlay) {
        TopicCatalog documented = TopicCatalog.load(RepoFiles.root());
        kafkaTopics(overlay).forEach((name, topic) -> {
            Integer partitions = documented.partitionsByTopic().get(name);
            if (partitions != null) {
                assertEquals(partitions.intValue(), topic.path("spec").path("partitions").asInt(),
                        name + " partitions (" + documented.source() + ")");
            }
            Long retentionMs = documented.retentionMsByTopic().get(name);
            if (retentionMs != null) {
                assertEquals(retentionMs.longValue(), topic.path("spec").path("config").path("retention.ms").asLong(-1),
                        name + " retention.ms (" + documented.source() + ")");
            }
        });
    }

    @Test
    void shouldReplicateForTheBrokersOfEachOverlay() {
        kafkaTopics("production").forEach((name, topic) -> {
            int replicas = topic.path("spec").path("replicas").asInt();
            int minInSync = topic.path("spec").path("config").path("min.insync.replicas").asInt();
            assertEquals(3, replicas, name + " replicas in production");
            assertTrue(minInSync >= 2 && minInSync < replicas, name + " min.insync.replicas " + minInSync);
        });
        kafkaTopics("demo").forEach((name, topic) -> {
            assertEquals(1, topic.path("spec").path("replicas").asInt(), name + " replicas on the one demo broker");
            assertEquals(1, topic.path("spec").path("config").path("min.insync.replicas").asInt(), name + " min ISR in the demo");
        });
    }

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = {"demo", "production"})
    void changeFeedShouldCreateMissingTopicsLikeTheKafkaTopics(String overlay) {
        // The feed creates a topic it finds missing; if it wins the race with the topic operator, the settings must match.
        JsonNode config = Overlays.rendered(overlay).ofKind("ConfigMap").stream()
                .filter(c -> c.path("metadata").path("name").asText().equals("change-feed-service-config"))
                .findFirst().orElseThrow().path("data");
        kafkaTopics(overlay).forEach((name, topic) -> {
            if (name.startsWith("crm.")) {
                assertEquals(topic.path("spec").path("partitions").asText(), config.path("CHANGEFEED_KAFKA_PARTITIONS").asText(),
                        name + " partitions vs CHANGEFEED_KAFKA_PARTITIONS");
                assertEquals(topic.path("spec").path("replicas").asText(),
                        config.path("CHANGEFEED_KAFKA_REPLICATION_FACTOR").asText(), name + " replicas vs CHANGEFEED_KAFKA_REPLICATION_FACTOR");
            }
        });
    }

    @Test
    void composeShouldCreateTheSameTopicsWithTheSameSettings() {
        String script = RepoFiles.read(RepoFiles.resolve("deploy/compose/create-topics.sh"));
        Matcher create = Pattern.compile("(?m)^create (\\S+) (\\d+)(.*)$").matcher(script);
        Map<String, String> composeTopics = new TreeMap<>();
        while (create.find()) {
            composeTopics.put(create.group(1), create.group(2) + " " + create.group(3).strip());
        }
        Map<String, JsonNode> kubeTopics = kafkaTopics("production");

        assertSameTopics(kubeTopics.keySet(), composeTopics.keySet(), "in KafkaTopics", "deploy/compose/create-topics.sh");
        kubeTopics.forEach((name, topic) -> {
            String settings = composeTopics.get(name);
            assertTrue(settings.startsWith(topic.path("spec").path("partitions").asInt() + " "), name + " partitions: " + settings);
            assertTrue(settings.contains("cleanup.policy=" + topic.path("spec").path("config").path("cleanup.policy").asText()),
                    name + " cleanup.policy: " + settings);
            JsonNode retention = topic.path("spec").path("config").path("retention.ms");
            if (!retention.isMissingNode()) {
                assertTrue(settings.contains("retention.ms=" + retention.asText()), name + " retention.ms: " + settings);
            }
        });
    }

    @Test
    void shouldReadTopicTablesOfTheEventsDocAndExpandObjectRows() {
        String markdown = """
                # Events

                | Field | Meaning |
                |---|---|
                | `source.origin` | crm or planbridge-sync |

                | Topic | Key | Partitions | Cleanup / retention |
                |-------|-----|------------|---------------------|
                | `crm.<object>.changes` | record Id | 6 | delete, 7 days |
                | `crm.<object>.state` | record Id \\| none | 6 | compacted |
                | `plan.events` | plan id | 3 | delete, 12 hours |
                """;

        TopicCatalog catalog = TopicCatalog.fromEventsDoc(markdown, List.of("Account", "Territory2"));

        assertEquals(Map.of("crm.account.changes", false, "crm.territory2.changes", false,
                "crm.account.state", true, "crm.territory2.state", true, "plan.events", false),
                catalog.compactedByTopic());
        assertEquals(Map.of("crm.account.changes", 6, "crm.territory2.changes", 6,
                "crm.account.state", 6, "crm.territory2.state", 6, "plan.events", 3), catalog.partitionsByTopic());
        assertEquals(Map.of("crm.account.changes", 604_800_000L, "crm.territory2.changes", 604_800_000L,
                "plan.events", 43_200_000L), catalog.retentionMsByTopic());
    }

    @Test
    void shouldReadTopicsNamedInHeadingsOfTheEventsDoc() {
        String markdown = """
                ## `crm.{sobject}.state` (compacted)
                ### `plan.events`
                ## The `ChangeEvent` envelope
                """;

        TopicCatalog catalog = TopicCatalog.fromEventsDoc(markdown, List.of("User"));

        Map<String, Boolean> expected = new TreeMap<>();
        expected.put("crm.user.state", true);
        expected.put("plan.events", null);
        assertEquals(expected, catalog.compactedByTopic());
    }

    @Test
    void shouldRejectAnEventsDocWithoutATopicTable() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TopicCatalog.fromEventsDoc("# Events\n\nNo table here.\n", List.of("Account")));
        assertTrue(error.getMessage().contains("names no topic"), error.getMessage());
    }

    private static void assertSameTopics(Set<String> expected, Set<String> actual, String expectedSource, String actualSource) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        assertTrue(missing.isEmpty() && extra.isEmpty(), "topics " + expectedSource + " but not in " + actualSource + ": "
                + missing + "; topics in " + actualSource + " but not " + expectedSource + ": " + extra);
    }

    private static Map<String, JsonNode> kafkaTopics(String overlay) {
        Map<String, JsonNode> topics = new TreeMap<>();
        for (JsonNode topic : Overlays.rendered(overlay).ofKind("KafkaTopic")) {
            String name = topic.path("spec").path("topicName").asText(topic.path("metadata").path("name").asText());
            if (topics.put(name, topic) != null) {
                throw new AssertionError("two KafkaTopics for " + name + " in overlays/" + overlay);
            }
        }
        return topics;
    }
}
