package dev.planbridge.localstack;

import java.util.List;
import java.util.Optional;

/** One of the three Quarkus services: module (and process name), port, database and Salesforce login, if any. */
public record ServiceSpec(StackProcess process, String module, String database, Optional<SalesforceLogin> salesforce,
                          boolean readsPlanning) {

    /** Demo credentials of the emulator's sample org (documented defaults, not secrets). */
    public record SalesforceLogin(String username, String password) {
    }

    public static final SalesforceLogin ADMIN_LOGIN = new SalesforceLogin("admin@planbridge.demo", "planbridge-demo");
    public static final SalesforceLogin SYNC_LOGIN = new SalesforceLogin("sync@planbridge.demo", "planbridge-sync");

    public static final ServiceSpec PLANNING = new ServiceSpec(StackProcess.PLANNING_SERVICE, "planning-service",
            "planning", Optional.empty(), false);
    public static final ServiceSpec CHANGE_FEED = new ServiceSpec(StackProcess.CHANGE_FEED_SERVICE,
            "change-feed-service", "changefeed", Optional.of(ADMIN_LOGIN), false);
    public static final ServiceSpec SYNC = new ServiceSpec(StackProcess.SYNC_SERVICE, "sync-service", "sync",
            Optional.of(SYNC_LOGIN), true);

    /** In start order: sync reads plans from planning, so planning comes first. */
    public static final List<ServiceSpec> ALL = List.of(PLANNING, CHANGE_FEED, SYNC);

    public int port(StackPorts ports) {
        return switch (process) {
            case PLANNING_SERVICE -> ports.planning();
            case CHANGE_FEED_SERVICE -> ports.changeFeed();
            case SYNC_SERVICE -> ports.sync();
            default -> throw new IllegalStateException("Not a service: " + process);
        };
    }
}
