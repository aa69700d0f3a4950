-- Idempotency-Key on creates (a case captured from a phone, a support request, an audit, a listening session, a committee
-- meeting, report subscriptions): one row per actor, route and key, written in the create's own transaction (see
-- src/server/platform/create-once.ts). Only the ids of what was created are kept, never the response: a replay re-reads
-- them through the route's getter as the same actor, so each entity's own visibility rules still decide what comes back,
-- and nothing here holds a customer's or an employee's words (privacy erasure has nothing to find).
CREATE TABLE create_keys (
  org_id uuid NOT NULL REFERENCES organisations(id),
  actor_id text NOT NULL,
  route text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  -- NULL only inside the creating transaction: the key row is written before the entity, so a concurrent
  -- request with the same key waits on it and then replays what it created.
  entity_ids text[],
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, actor_id, route, key)
);

-- The actor the current transaction claims keys for (set by create-once.ts per transaction); NULL when unset.
CREATE OR REPLACE FUNCTION app_actor_id() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.actor_id', true), '') $$;

-- Rows are visible to their own actor only: a key row says who created what and when, and for a support request
-- that is exactly what its table (0025) and the audit log keep from everyone but the two people involved.
ALTER TABLE create_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON create_keys
  USING (org_id = app_org_id() AND actor_id = app_actor_id())
  WITH CHECK (org_id = app_org_id() AND actor_id = app_actor_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON create_keys TO lodestar_app;
