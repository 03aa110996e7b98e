package dev.planbridge.planning.common;

/** The JWT groups the API knows. */
public final class Roles {
    public static final String VIEWER = "viewer";
    public static final String PLANNER = "planner";
    public static final String APPROVER = "approver";
    public static final String ADMIN = "admin";
    /** Other Planbridge services (the sync service reads desired state). */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
