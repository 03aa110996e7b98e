-- Planning model: plans, territories, assignment rules, overrides, exclusions, user assignments, quotas,
-- the plan's baseline snapshot of CRM accounts, audit log, outbox, and the CRM mirror fed by the change feed.
DROP TABLE service_info;

CREATE TABLE fiscal_plan (
    id                     uuid PRIMARY KEY,
    name                   text        NOT NULL,
    fiscal_year_start      date        NOT NULL,
    status                 text        NOT NULL,
    author                 text        NOT NULL,
    version                bigint      NOT NULL,
    baseline_at            timestamptz,
    baseline_modstamp      timestamptz,
    forked_from            uuid REFERENCES fiscal_plan (id),
    assign_account_owners  boolean     NOT NULL DEFAULT true,
    over_assignment_factor numeric(6, 3) NOT NULL DEFAULT 1.100,
    submitted_by           text,
    submitted_at           timestamptz,
    decided_by             text,
    decided_at             timestamptz,
    decision_comment       text,
    checksum               text,
    last_push_id           text,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL
);

CREATE TABLE territory_type (
    plan_id  uuid NOT NULL REFERENCES fiscal_plan (id) ON DELETE CASCADE,
    key      text NOT NULL,
    label    text NOT NULL,
    priority int  NOT NULL,
    PRIMARY KEY (plan_id, key),
    UNIQUE (plan_id, priority)
);

CREATE TABLE territory (
    id                 bigserial PRIMARY KEY,
    plan_id            uuid NOT NULL REFERENCES fiscal_plan (id) ON DELETE CASCADE,
    key                text NOT NULL,
    name               text NOT NULL,
    type_key           text NOT NULL,
    parent_key         text,
    headcount_capacity int CHECK (headcount_capacity IS NULL OR headcount_capacity >= 0),
    UNIQUE (plan_id, key),
    FOREIGN KEY (plan_id, type_key) REFERENCES territory_type (plan_id, key),
    FOREIGN KEY (plan_id, parent_key) REFERENCES territory (plan_id, key) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE assignment_rule (
    id            bigserial PRIMARY KEY,
    plan_id       uuid NOT NULL REFERENCES fiscal_plan (id) ON DELETE CASCADE,
    name          text NOT NULL,
    position      int  NOT NULL,
    territory_key text NOT NULL,
    criteria      text NOT NULL,
    UNIQUE (plan_id, name),
    FOREIGN KEY (plan_id, territory_key) REFERENCES territory (plan_id, key) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX assignment_rule_plan_position ON assignment_rule (plan_id, position);

CREATE TABLE account_override (
    plan_id       uuid NOT NULL REFERENCES fiscal_plan (id) ON DELETE CASCADE,
    account_id    text NOT NULL,
    territory_key text NOT NULL,
    reason        text NOT NULL,
    PRIMARY KEY (plan_id, account_id),
    FOREIGN KEY (plan_id, territory_key) REFERENCES territory (plan_id, key) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE account_exclusion (
    plan_id       uuid NOT NULL REFERENCES fiscal_plan (id) ON DELETE CASCADE,
    account_id    text NOT NULL,
    territory_key text NOT NULL,
    reason        text,
    PRIMARY KEY (plan_id, account_id, territory_key),
    FOREIGN KEY (plan_id, territory_key) REFERENCES territory (plan_id, key) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE user_assignment (
    id            bigserial PRIMARY KEY,
    plan_id       uuid NOT NULL REFERENCES fiscal_plan (id) ON DELETE CASCADE,
    territory_key text NOT NULL,
    user_id       text NOT NULL,
    role          text NOT NULL CHECK (role IN ('Owner', 'Overlay', 'Manager')),
    start_date    date NOT NULL,
    end_date      date,
    split_percent numeric(5, 2) CHECK (split_percent IS NULL OR (split_percent > 0 AND split_percent <= 100)),
    UNIQUE (plan_id, territory_key, user_id, role, start_date),
    FOREIGN KEY (plan_id, territory_key) REFERENCES territory (plan_id, key) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE quota (
    id               bigserial PRIMARY KEY,
    plan_id          uuid NOT NULL REFERENCES fiscal_plan (id) ON DELETE CASCADE,
    user_id          text,
    territory_key    text,
    period_start     date NOT NULL,
    period_type      text NOT NULL CHECK (period_type IN ('Month', 'Quarter', 'Year')),
    amount           numeric(18, 2) CHECK (amount IS NULL OR amount >= 0),
    quantity         numeric(18, 2) CHECK (quantity IS NULL OR quantity >= 0),
    forecasting_type text NOT NULL DEFAULT 'OpportunityRevenue',
    ramp_profile     text,
    ramp_start       date,
    CHECK (user_id IS NOT NULL OR territory_key IS NOT NULL),
    CHECK (amount IS NOT NULL OR quantity IS NOT NULL),
    FOREIGN KEY (plan_id, territory_key) REFERENCES territory (plan_id, key) DEFERRABLE INITIALLY DEFERRED
);
-- one target per owner/territory/period/type; COALESCE because NULL never collides in a plain unique index
CREATE UNIQUE INDEX quota_natural_key ON quota (plan_id, COALESCE(user_id, ''), COALESCE(territory_key, ''),
                                                period_start, period_type, forecasting_type);

-- The CRM state the plan was drafted against: one consistent copy of the mirror per plan.
CREATE TABLE plan_account (
    plan_id             uuid NOT NULL REFERENCES fiscal_plan (id) ON DELETE CASCADE,
    account_id          text NOT NULL,
    name                text,
    owner_id            text,
    billing_country     text,
    billing_state       text,
    billing_postal_code text,
    industry            text,
    employees           int,
    annual_revenue      numeric(18, 2),
    segment             text,
    parent_id           text,
    system_modstamp     timestamptz,
    PRIMARY KEY (plan_id, account_id)
);

CREATE TABLE audit_entry (
    id         bigserial PRIMARY KEY,
    plan_id    uuid        NOT NULL,
    actor      text        NOT NULL,
    at         timestamptz NOT NULL,
    action     text        NOT NULL,
    entity     text        NOT NULL,
    entity_key text,
    before     text,
    after      text
);
CREATE INDEX audit_entry_plan ON audit_entry (plan_id, id);

-- Transactional outbox (Debezium EventRouter column names); the relay publishes unsent rows in id order.
CREATE TABLE outbox_event (
    seq           bigserial PRIMARY KEY,
    id            uuid        NOT NULL UNIQUE,
    aggregatetype text        NOT NULL,
    aggregateid   text        NOT NULL,
    type          text        NOT NULL,
    topic         text        NOT NULL,
    payload       text        NOT NULL,
    created_at    timestamptz NOT NULL,
    sent_at       timestamptz
);
CREATE INDEX outbox_event_unsent ON outbox_event (seq) WHERE sent_at IS NULL;

-- CRM mirror, filled from the change feed. Upserts only move forward in SystemModstamp, so replays are no-ops.
CREATE TABLE crm_account (
    id                  text PRIMARY KEY,
    name                text,
    owner_id            text,
    billing_country     text,
    billing_state       text,
    billing_postal_code text,
    industry            text,
    employees           int,
    annual_revenue      numeric(18, 2),
    segment             text,
    parent_id           text,
    system_modstamp     timestamptz NOT NULL,
    deleted             boolean     NOT NULL DEFAULT false,
    last_event_id       text
);

CREATE TABLE crm_user (
    id              text PRIMARY KEY,
    name            text,
    username        text,
    is_active       boolean,
    manager_id      text,
    system_modstamp timestamptz NOT NULL,
    deleted         boolean     NOT NULL DEFAULT false,
    last_event_id   text
);

CREATE TABLE crm_opportunity (
    id              text PRIMARY KEY,
    account_id      text,
    owner_id        text,
    amount          numeric(18, 2),
    stage_name      text,
    is_closed       boolean,
    system_modstamp timestamptz NOT NULL,
    deleted         boolean     NOT NULL DEFAULT false,
    last_event_id   text
);
CREATE INDEX crm_opportunity_account ON crm_opportunity (account_id) WHERE NOT deleted AND NOT is_closed;

-- Objects the planner only reads as-is (Territory2, associations, ForecastingQuota): the latest image as JSON.
CREATE TABLE crm_record (
    object          text        NOT NULL,
    id              text        NOT NULL,
    fields          text        NOT NULL,
    system_modstamp timestamptz NOT NULL,
    deleted         boolean     NOT NULL DEFAULT false,
    last_event_id   text,
    PRIMARY KEY (object, id)
);
