-- Events and jobs: the transactional outbox that carries cross-module effects,
-- and the in-process job queue (FOR UPDATE SKIP LOCKED, no broker needed).

-- An event is written in the same transaction as the change it announces.
-- next_attempt_at NULL means "due now"; the dispatcher also uses it as a claim
-- lease, so an event claimed by a process that died becomes due again.
CREATE TABLE outbox_events (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  handled_by text[] NOT NULL DEFAULT '{}',
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_error text,
  done_at timestamptz,
  PRIMARY KEY (org_id, id)
);
-- The dispatcher scans pending events across organisations, so org_id is not first here.
CREATE INDEX outbox_events_pending ON outbox_events (next_attempt_at, id) WHERE done_at IS NULL;
ALTER TABLE outbox_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbox_events USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

-- Infrastructure table: org_id is NULL for system jobs (rollups across organisations).
-- run_at NULL means "as soon as a worker is free".
CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id uuid REFERENCES organisations(id),
  name text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  run_at timestamptz,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  max_attempts int NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
  last_error text,
  locked_at timestamptz,
  unique_key text UNIQUE,
  repeat_every_ms bigint CHECK (repeat_every_ms > 0),
  created_at timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE INDEX jobs_due ON jobs (run_at, id) WHERE status = 'queued';
CREATE INDEX jobs_running ON jobs (locked_at) WHERE status = 'running';
CREATE INDEX jobs_org ON jobs (org_id, created_at);
-- Tenant transactions enqueue and see only their organisation's jobs; system transactions see all.
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON jobs USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
