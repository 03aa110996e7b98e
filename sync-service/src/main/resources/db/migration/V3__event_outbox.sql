-- Transactional outbox for sync.conflicts and sync.completed: a row commits with the ledger change that causes it
-- (conflict stored, push finished) and the relay publishes it afterwards (Debezium EventRouter column names).
CREATE TABLE outbox_event (
    seq            bigserial   PRIMARY KEY,             -- publishing order
    id             uuid        NOT NULL UNIQUE,         -- the event's id; a re-send after a crash carries the same
    aggregatetype  text        NOT NULL,
    aggregateid    text        NOT NULL,                -- the Kafka key
    type           text        NOT NULL,
    topic          text        NOT NULL,
    payload        text        NOT NULL,
    created_at     timestamptz NOT NULL,
    sent_at        timestamptz
);
CREATE INDEX outbox_event_pending_idx ON outbox_event (seq) WHERE sent_at IS NULL;
