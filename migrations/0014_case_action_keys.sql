-- Idempotency-Key on case actions: one row per key and actor, written in the action's own transaction.
-- A retried request (a courier's phone losing signal while compensating a customer) gets the first
-- outcome back instead of acting, or paying, twice; the same key with another request is refused.
CREATE TABLE case_action_keys (
  org_id uuid NOT NULL REFERENCES organisations(id),
  actor_id text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  http_status smallint NOT NULL,
  result jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, actor_id, key)
);

ALTER TABLE case_action_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON case_action_keys USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT ON case_action_keys TO lodestar_app;
