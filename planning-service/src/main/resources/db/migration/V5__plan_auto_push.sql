-- Per-plan auto-push: whether the sync service starts an apply push on its own when the plan is approved.
ALTER TABLE fiscal_plan ADD COLUMN auto_push boolean NOT NULL DEFAULT false;
