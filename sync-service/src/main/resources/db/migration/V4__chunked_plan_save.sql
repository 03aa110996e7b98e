-- Issue 25: a push's plan is stored in chunks, each committed on its own, so no transaction grows with the push.
-- plan_saved_at: every operation and conflict row of the plan is stored (set in the transaction of the last chunk);
--                until then, rows of the push are leftovers of an interrupted save and are discarded before a new one.
-- events_cursor: the last conflict (by id) whose SyncConflict event is queued in the outbox (set in the chunk's
--                transaction, so a resumed save queues each event exactly once).
-- failed_step / step_failures: the step (planning, saving the plan, queueing events, writing) that failed and how
--                many times in a row; after sync.max-step-attempts the push ends FAILED with the reason.
ALTER TABLE push ADD COLUMN plan_saved_at timestamptz;
ALTER TABLE push ADD COLUMN events_cursor uuid;
ALTER TABLE push ADD COLUMN failed_step text;
ALTER TABLE push ADD COLUMN step_failures integer NOT NULL DEFAULT 0;
-- Events are queued from a push's conflicts in id order, a chunk at a time (push_id = ? AND id > cursor ORDER BY id):
-- an index on (push_id, id) reads exactly the chunk, however many conflicts other pushes left in the table.
DROP INDEX push_conflict_push_idx;
CREATE INDEX push_conflict_push_id_idx ON push_conflict (push_id, id);
