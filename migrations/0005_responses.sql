-- Responses: what customers answered, joined to the customer, the interaction
-- and the serving employee (X-data to O-data), plus the idempotency keys that
-- make an integrator's retried request create nothing new.

CREATE TABLE responses (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  survey_id uuid NOT NULL,
  survey_version int NOT NULL,
  link_id uuid,
  customer_id uuid,
  interaction_id uuid,
  employee_id uuid,
  unit_id uuid,
  touchpoint text,
  channel text,
  lang text CHECK (lang IN ('zh-CN', 'en')),
  answers jsonb NOT NULL,
  -- The first NPS, CSAT and CES answer and the first text answer, copied out for metrics and text analytics.
  nps smallint CHECK (nps BETWEEN 0 AND 10),
  csat smallint CHECK (csat BETWEEN 1 AND 5),
  ces smallint CHECK (ces BETWEEN 1 AND 7),
  comment text,
  submitted_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  source text NOT NULL CHECK (source IN ('api', 'public', 'batch', 'import')),
  -- Spam signals on public submits ('honeypot', 'too_fast'): kept, flagged, never told to the sender.
  flags text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, survey_id) REFERENCES surveys(org_id, id),
  FOREIGN KEY (org_id, survey_id, survey_version) REFERENCES survey_versions(org_id, survey_id, version),
  FOREIGN KEY (org_id, link_id) REFERENCES survey_links(org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id),
  FOREIGN KEY (org_id, interaction_id) REFERENCES interactions(org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id)
);
-- Lists page newest first by (submitted_at, id); each filter has its own index.
CREATE INDEX responses_submitted ON responses (org_id, submitted_at, id);
CREATE INDEX responses_survey ON responses (org_id, survey_id, submitted_at);
CREATE INDEX responses_employee ON responses (org_id, employee_id, submitted_at);
CREATE INDEX responses_unit ON responses (org_id, unit_id, submitted_at);

-- One row per Idempotency-Key, written in the same transaction as the response it created:
-- a retry with the same key and payload gets that response back, a different payload is refused.
CREATE TABLE idempotency_keys (
  org_id uuid NOT NULL REFERENCES organisations(id),
  key text NOT NULL,
  request_hash text NOT NULL,
  response_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, key),
  FOREIGN KEY (org_id, response_id) REFERENCES responses(org_id, id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['responses', 'idempotency_keys'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

-- A key keeps pointing at the response it created.
REVOKE UPDATE ON idempotency_keys FROM lodestar_app;
