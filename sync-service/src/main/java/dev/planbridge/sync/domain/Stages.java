package dev.planbridge.sync.domain;

/**
 * The order of writes: a record is written after everything it refers to, and deleted before what it is
 * attached to. Territory creates go one tree level per stage (parents before children), deletes the reverse.
 */
public final class Stages {

    public static final int MAX_DEPTH = 30;
    public static final int MODEL_CREATE = 10;
    public static final int TYPE_CREATE = 20;
    public static final int TYPE_UPDATE = 21;
    public static final int TERRITORY_CREATE = 100;          // + depth
    public static final int TERRITORY_UPDATE = 200;
    public static final int USER_ASSOCIATION_DELETE = 300;
    public static final int OBJECT_ASSOCIATION_DELETE = 301;
    public static final int USER_ASSOCIATION_CREATE = 310;
    public static final int OBJECT_ASSOCIATION_CREATE = 311;
    public static final int ACCOUNT_UPDATE = 400;
    public static final int OPPORTUNITY_UPDATE = 401;
    public static final int QUOTA_UPDATE = 500;
    public static final int QUOTA_CREATE = 501;
    public static final int TERRITORY_DELETE = 600;          // + (MAX_DEPTH - depth): children first

    private Stages() {
    }

    public static int territoryCreate(int depth) {
        return TERRITORY_CREATE + Math.min(depth, MAX_DEPTH);
    }

    public static int territoryDelete(int depth) {
        return TERRITORY_DELETE + (MAX_DEPTH - Math.min(depth, MAX_DEPTH));
    }
}
