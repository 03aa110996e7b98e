-- Recent changes for planners (GET /api/v1/feed/changes, the live stream). One row per change event; the
-- unique event_id makes the consumer idempotent. Rows older than changefeed.history.retention are deleted.
CREATE TABLE feed_change (
    seq                 bigserial PRIMARY KEY,
    event_id            text        NOT NULL UNIQUE,
    object              text        NOT NULL,
    record_id           text        NOT NULL,
    op                  text        NOT NULL,
    owner_id            text,
    territory_id        text,
    changed_fields      text[]      NOT NULL,
    origin              text        NOT NULL,
    last_modified_by_id text,
    system_modstamp     timestamptz,
    published_at        timestamptz NOT NULL,
    received_at         timestamptz NOT NULL DEFAULT now(),
    payload             jsonb       NOT NULL
);
CREATE INDEX feed_change_modstamp ON feed_change (system_modstamp);
CREATE INDEX feed_change_object_modstamp ON feed_change (object, system_modstamp);
CREATE INDEX feed_change_owner ON feed_change (owner_id);
CREATE INDEX feed_change_territory ON feed_change (territory_id);
CREATE INDEX feed_change_record ON feed_change (record_id);
CREATE INDEX feed_change_received ON feed_change (received_at);
CREATE INDEX feed_change_fields ON feed_change USING gin (changed_fields);
