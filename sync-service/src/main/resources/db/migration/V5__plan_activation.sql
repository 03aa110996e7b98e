-- Activation of a plan's Territory2Model as its own step (issue #19): one row per request, run by the
-- ActivationRunner when run_at arrives (a lease makes it run on one replica, the status makes it run once).
CREATE TABLE activation (
    id                   uuid        PRIMARY KEY,
    plan_id              text        NOT NULL,
    model_developer_name text        NOT NULL,
    status               text        NOT NULL,            -- SCHEDULED, ACTIVATING, ACTIVE, FAILED
    run_at               timestamptz NOT NULL,            -- next time the runner looks at it
    requested_by         text        NOT NULL,
    forced               boolean     NOT NULL DEFAULT false,
    force_reason         text,
    forced_past          jsonb,                           -- the open conflicts and failures an admin forced past
    target_model_id      text,
    archived_model_id    text,
    archived_model_name  text,
    attempts             integer     NOT NULL DEFAULT 0,
    last_error           text,
    activating_since     timestamptz,
    recreated_quotas     integer,
    created_at           timestamptz NOT NULL,
    activated_at         timestamptz,
    finished_at          timestamptz,
    lease_owner          text,
    lease_until          timestamptz
);
-- One pending activation per plan.
CREATE UNIQUE INDEX activation_pending_plan_idx ON activation (plan_id) WHERE status IN ('SCHEDULED', 'ACTIVATING');
CREATE INDEX activation_due_idx ON activation (run_at) WHERE status IN ('SCHEDULED', 'ACTIVATING');

-- The territory quotas that archiving the previous Active model deletes, saved before the archive (the plan's history).
CREATE TABLE archived_quota (
    activation_id            uuid        NOT NULL REFERENCES activation (id),
    plan_id                  text        NOT NULL,
    model_id                 text        NOT NULL,
    model_name               text,
    quota_id                 text        NOT NULL,
    territory_developer_name text,
    owner_id                 text,
    start_date               text,
    amount                   text,
    quantity                 text,
    forecasting_type_id      text,
    recreated                boolean     NOT NULL DEFAULT false,
    saved_at                 timestamptz NOT NULL,
    PRIMARY KEY (activation_id, quota_id)
);
CREATE INDEX archived_quota_plan_idx ON archived_quota (plan_id);
