package dev.planbridge.localstack;

import java.util.Arrays;
import java.util.List;

/** The processes of the local stack, in start order; they stop in reverse. Each logs to .planbridge/logs/&lt;name&gt;.log. */
public enum StackProcess {
    POSTGRES("postgres"),
    KAFKA("kafka"),
    SALESFORCE_EMULATOR("salesforce-emulator"),
    PLANNING_SERVICE("planning-service"),
    CHANGE_FEED_SERVICE("change-feed-service"),
    SYNC_SERVICE("sync-service"),
    /** The launcher itself when it runs detached. */
    LAUNCHER("launcher");

    private final String processName;

    StackProcess(String processName) {
        this.processName = processName;
    }

    public String processName() {
        return processName;
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(StackProcess::processName).toList();
    }
}
