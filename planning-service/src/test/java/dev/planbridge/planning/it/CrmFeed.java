package dev.planbridge.planning.it;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.Topics;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.ChangeSource;
import dev.planbridge.contracts.feed.Operation;
import dev.planbridge.testkit.KafkaBroker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes change-feed events the way the change-feed service does (JSON, key = record Id). */
final class CrmFeed {

    private static KafkaProducer<String, String> producer;

    private CrmFeed() {
    }

    static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    static ChangeEvent event(String object, String id, Operation op, Map<String, Object> after, Instant modstamp) {
        Map<String, Object> image = new LinkedHashMap<>(after);
        image.put("Id", id);
        image.put("SystemModstamp", modstamp.toString());
        return new ChangeEvent(ChangeEvent.SCHEMA_VERSION, ChangeEvent.eventIdOf(object, id, modstamp.toEpochMilli(), op),
                id, object, op, null, op == Operation.DELETE ? null : image, new ArrayList<>(image.keySet()),
                new ChangeSource("00D000000000001", modstamp, "005ADMIN", "Admin", ChangeSource.ORIGIN_CRM, null, false),
                System.currentTimeMillis());
    }

    static void send(ChangeEvent... events) {
        for (ChangeEvent e : events) {
            producer().send(new ProducerRecord<>(Topics.changes(e.object()), e.id(), ContractsJson.write(e)));
        }
        producer().flush();
    }

    static void sendRaw(String topic, String key, String json) {
        producer().send(new ProducerRecord<>(topic, key, json));
        producer().flush();
    }

    static ChangeEvent user(String id, String name, Instant at) {
        return event("User", id, Operation.READ, Map.of("Name", name, "Username", name.toLowerCase().replace(' ', '.')
                + "@example.com", "IsActive", true), at);
    }

    static ChangeEvent account(String id, String name, String owner, String country, String state, String postal,
                               String industry, int employees, long revenue, String segment, Instant at) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Name", name);
        f.put("OwnerId", owner);
        f.put("BillingCountry", country);
        f.put("BillingState", state);
        f.put("BillingPostalCode", postal);
        f.put("Industry", industry);
        f.put("NumberOfEmployees", employees);
        f.put("AnnualRevenue", revenue);
        f.put("Segment__c", segment);
        return event("Account", id, Operation.READ, f, at);
    }

    static ChangeEvent opportunity(String id, String accountId, String owner, long amount, boolean closed, Instant at) {
        return event("Opportunity", id, Operation.READ, Map.of("AccountId", accountId, "OwnerId", owner, "Amount", amount,
                "StageName", closed ? "Closed Won" : "Prospecting", "IsClosed", closed), at);
    }

    static List<String> ids(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(prefix + String.format("%04d", i));
        }
        return ids;
    }
}
