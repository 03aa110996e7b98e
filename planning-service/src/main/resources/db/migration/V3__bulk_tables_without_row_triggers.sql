-- Overrides and exclusions are the plan elements that come 100k at a time (CSV import). PostgreSQL checks a
-- foreign key with one trigger call per row, which cost ~2 s per 100k-row import (plan FK on insert, territory FK
-- at commit) — more than the whole rest of the import. Both references are enforced by the application instead,
-- always under the plan's row lock (PlanGuard.lockForEdit serialises every edit of a plan):
--   * the territory must exist when an override/exclusion is written (AssignmentService, CsvImportService), and a
--     territory cannot be deleted while an override or exclusion names it (TerritoryService.delete, 409);
--   * plans are never deleted, and every row is written by a request holding the plan's lock.
ALTER TABLE account_override DROP CONSTRAINT account_override_plan_id_fkey;
ALTER TABLE account_override DROP CONSTRAINT account_override_plan_id_territory_key_fkey;
ALTER TABLE account_exclusion DROP CONSTRAINT account_exclusion_plan_id_fkey;
ALTER TABLE account_exclusion DROP CONSTRAINT account_exclusion_plan_id_territory_key_fkey;

