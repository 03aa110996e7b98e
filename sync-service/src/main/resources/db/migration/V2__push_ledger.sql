-- Push ledger: every push, every write it plans and makes, every conflict it finds.
CREATE TABLE push (
    id              uuid PRIMARY KEY,
    plan_id         text        NOT NULL,
    plan_version    bigint,
    plan_checksum   text,
    mode            text        NOT NULL,          -- dry-run | apply
    kind            text        NOT NULL,          -- PUSH | FOLLOW_UP | UNDO
    parent_push_id  uuid REFERENCES push (id),
    status          text        NOT NULL,          -- QUEUED | WAITING | WRITING | COMPLETED | FAILED
    options         jsonb       NOT NULL,
    requested_by    text,
    created_at      timestamptz NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz,
    outcome         text,
    error           text,
    report          jsonb,
    api_calls       bigint      NOT NULL DEFAULT 0,
    lease_owner     text,
    lease_until     timestamptz,
    not_before      timestamptz,
    plan_attempts   integer     NOT NULL DEFAULT 0
);
CREATE INDEX push_plan_idx ON push (plan_id, created_at);
CREATE INDEX push_open_idx ON push (status) WHERE status IN ('QUEUED', 'WAITING', 'WRITING');

CREATE SEQUENCE push_operation_seq INCREMENT BY 200;
CREATE TABLE push_operation (
    id           bigint PRIMARY KEY,
    push_id      uuid        NOT NULL REFERENCES push (id) ON DELETE CASCADE,
    stage        integer     NOT NULL,
    object       text        NOT NULL,
    natural_key  text        NOT NULL,
    op           text        NOT NULL,             -- CREATE | UPDATE | DELETE | NONE (skipped or held)
    record_id    text,
    desired      jsonb       NOT NULL,             -- values to write; may hold @ref: references
    sent         jsonb,                            -- the values as sent, references resolved
    before       jsonb,                            -- the CRM's values before the write (undo)
    status       text        NOT NULL,             -- PENDING | SENT | SUCCEEDED | FAILED | CONFLICT | SKIPPED
    attempts     integer     NOT NULL DEFAULT 0,
    sf_id        text,
    error_code   text,
    error        text,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX push_operation_work_idx ON push_operation (push_id, status, stage);
CREATE INDEX push_operation_history_idx ON push_operation (object, natural_key) WHERE status = 'SUCCEEDED';

CREATE TABLE push_conflict (
    id               uuid PRIMARY KEY,
    push_id          uuid        NOT NULL REFERENCES push (id) ON DELETE CASCADE,
    object           text        NOT NULL,
    natural_key      text        NOT NULL,
    record_id        text,
    field            text        NOT NULL,
    base_value       text,
    plan_value       text,
    crm_value        text,
    changed_by_id    text,
    changed_by_name  text,
    changed_at       timestamptz,
    policy           text        NOT NULL,
    held             boolean     NOT NULL,
    resolution       text,                          -- plan | crm | value
    resolved_value   text,
    resolved_by      text,
    resolved_at      timestamptz,
    applied_push_id  uuid
);
CREATE INDEX push_conflict_push_idx ON push_conflict (push_id);

-- Salesforce ids of records a push refers to by natural key (model, types, territories).
CREATE TABLE push_ref (
    push_id      uuid NOT NULL REFERENCES push (id) ON DELETE CASCADE,
    object       text NOT NULL,
    natural_key  text NOT NULL,
    sf_id        text NOT NULL,
    PRIMARY KEY (push_id, object, natural_key)
);

-- Approved plan versions seen on plan.events (a manual push applies the approved checksum), de-duplicated by event id.
CREATE TABLE plan_approval (
    event_id     text PRIMARY KEY,
    plan_id      text        NOT NULL,
    plan_version bigint      NOT NULL,
    checksum     text        NOT NULL,
    approved_by  text,
    approved_at  timestamptz,
    auto_push    boolean     NOT NULL,
    push_id      uuid,
    received_at  timestamptz NOT NULL
);
CREATE INDEX plan_approval_plan_idx ON plan_approval (plan_id, plan_version DESC);
