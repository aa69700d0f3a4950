-- The dispatcher claims the oldest due events (ORDER BY id LIMIT n). With the old index, led by
-- next_attempt_at, every claim had to read and sort the whole backlog, so the dispatcher slowed down
-- exactly when a backlog formed and never caught up under sustained load. In id order a claim stops
-- after its batch, skipping the few events that wait for a retry or are leased to another process.
DROP INDEX outbox_events_pending;
CREATE INDEX outbox_events_due ON outbox_events (id) WHERE done_at IS NULL;
