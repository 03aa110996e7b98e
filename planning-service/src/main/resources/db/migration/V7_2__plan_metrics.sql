-- A plan's chosen balancer metrics and potential field (metric.PlanMetrics as JSON); no row means the defaults
-- (accounts, potential = sum of AnnualRevenue, open pipeline, quota).
CREATE TABLE plan_metrics (
    plan_id  uuid PRIMARY KEY REFERENCES fiscal_plan (id) ON DELETE CASCADE,
    settings text NOT NULL
);
