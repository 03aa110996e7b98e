-- The CRM's ForecastingQuota rows as they were when the plan's baseline was taken (same moment as plan_account),
-- so the desired state can tell the sync service which quota the plan was drafted against (three-way merge).
-- territory_key is the Territory2's DeveloperName, resolved through the mirror at snapshot time.
CREATE TABLE plan_quota_baseline (
    plan_id             uuid NOT NULL REFERENCES fiscal_plan (id) ON DELETE CASCADE,
    quota_id            text NOT NULL,
    owner_id            text,
    territory_key       text,
    period_start        date,
    forecasting_type_id text,
    amount              numeric(18, 2),
    quantity            numeric(18, 2),
    PRIMARY KEY (plan_id, quota_id)
);
