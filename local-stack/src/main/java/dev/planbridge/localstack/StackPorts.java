package dev.planbridge.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every TCP port the local stack binds; {@link #standard()} are the suite-wide conventions. */
public record StackPorts(int postgres, int kafka, int kafkaController, int emulatorHttp, int emulatorHttps,
                         int planning, int changeFeed, int sync) {

    public static StackPorts standard() {
        return new StackPorts(55432, 9092, 9093, 8090, 8443, 8081, 8082, 8083);
    }

    /** Port → what binds it, in start order, for the pre-flight check and its messages. */
    public Map<Integer, String> described() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(postgres, "PostgreSQL");
        ports.put(kafka, "Kafka broker");
        ports.put(kafkaController, "Kafka controller");
        ports.put(emulatorHttp, "Salesforce emulator (http)");
        ports.put(emulatorHttps, "Salesforce emulator (https)");
        ports.put(planning, "planning-service");
        ports.put(changeFeed, "change-feed-service");
        ports.put(sync, "sync-service");
        return ports;
    }
}
