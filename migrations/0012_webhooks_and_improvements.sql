-- Webhooks (signed, retried deliveries of events to an organisation's endpoints)
-- and improvement projects (the outer loop: cases sharing a root cause, fixed once).

CREATE TABLE webhook_endpoints (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  url text NOT NULL,
  description text NOT NULL DEFAULT '',
  events text[] NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  -- The first characters of the secret ("whsec_ab12…"), so an admin can tell which secret a receiver holds.
  secret_hint text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX webhook_endpoints_created ON webhook_endpoints (org_id, created_at, id);

-- The signing secret, apart from the endpoint: the app role may write it once and never read it back;
-- only the delivery job reads it, in a system transaction, to sign.
CREATE TABLE webhook_secrets (
  org_id uuid NOT NULL,
  endpoint_id uuid NOT NULL,
  secret text NOT NULL,
  PRIMARY KEY (org_id, endpoint_id),
  FOREIGN KEY (org_id, endpoint_id) REFERENCES webhook_endpoints(org_id, id) ON DELETE CASCADE
);

-- One message to one endpoint; the body is stored as sent, so every retry signs the same bytes with the same id.
CREATE TABLE webhook_deliveries (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  endpoint_id uuid NOT NULL,
  message_id text NOT NULL,
  event_id bigint,
  event_name text NOT NULL,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_status_code int,
  last_error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, endpoint_id) REFERENCES webhook_endpoints(org_id, id) ON DELETE CASCADE
);
-- An event fans out to an endpoint at most once, even if the outbox hands it over twice.
CREATE UNIQUE INDEX webhook_deliveries_event ON webhook_deliveries (org_id, endpoint_id, event_id) WHERE event_id IS NOT NULL;
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (org_id, endpoint_id, created_at, id);

-- The delivery log: one row per HTTP attempt.
CREATE TABLE webhook_delivery_attempts (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  delivery_id uuid NOT NULL,
  attempt int NOT NULL,
  status_code int,
  duration_ms int NOT NULL,
  error text,
  response_body text,
  at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, delivery_id, attempt),
  FOREIGN KEY (org_id, delivery_id) REFERENCES webhook_deliveries(org_id, id) ON DELETE CASCADE
);

CREATE TABLE improvement_projects (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  root_cause text,
  unit_id uuid,
  owner_id uuid,
  metric text NOT NULL CHECK (metric IN ('nps', 'csat', 'ces')),
  status text NOT NULL CHECK (status IN ('proposed', 'in_progress', 'done', 'cancelled')),
  started_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES employees(org_id, id)
);
CREATE INDEX improvement_projects_created ON improvement_projects (org_id, created_at, id);

-- A case belongs to at most one project.
CREATE TABLE improvement_project_cases (
  org_id uuid NOT NULL,
  case_id uuid NOT NULL,
  project_id uuid NOT NULL,
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, case_id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id),
  FOREIGN KEY (org_id, project_id) REFERENCES improvement_projects(org_id, id)
);
CREATE INDEX improvement_project_cases_project ON improvement_project_cases (org_id, project_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['webhook_endpoints', 'webhook_secrets', 'webhook_deliveries', 'webhook_delivery_attempts',
                           'improvement_projects', 'improvement_project_cases'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints, webhook_deliveries, webhook_delivery_attempts,
  improvement_projects, improvement_project_cases TO lodestar_app;
-- Write-only for the app: a secret is shown once at creation and never read back through a tenant transaction.
REVOKE ALL ON webhook_secrets FROM lodestar_app;
GRANT INSERT ON webhook_secrets TO lodestar_app;
-- The delivery log only grows.
REVOKE UPDATE ON webhook_delivery_attempts FROM lodestar_app;
