-- Listening: versioned surveys, the links that distribute them (anonymous,
-- personal one-time, QR), the contact-fatigue setting and the reminder outbox.
-- Customer and interaction ids are stored without foreign keys: their tables
-- belong to the O-data module, whose migration runs after this one.

CREATE TABLE surveys (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('draft', 'active', 'closed')),
  current_version int NOT NULL DEFAULT 1 CHECK (current_version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);

-- A version is never changed once written: responses keep the version they answered.
CREATE TABLE survey_versions (
  org_id uuid NOT NULL REFERENCES organisations(id),
  survey_id uuid NOT NULL,
  version int NOT NULL CHECK (version >= 1),
  questions jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, survey_id, version),
  FOREIGN KEY (org_id, survey_id) REFERENCES surveys(org_id, id)
);

-- Personal links are bound to a customer, an interaction or an employee and answer once;
-- anonymous links (a website, a QR code on a counter) are reusable.
CREATE TABLE survey_links (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  token text NOT NULL,
  survey_id uuid NOT NULL,
  personal boolean NOT NULL,
  customer_id uuid,
  interaction_id uuid,
  employee_id uuid,
  unit_id uuid,
  touchpoint text,
  channel text,
  lang text CHECK (lang IN ('zh-CN', 'en')),
  expires_at timestamptz,
  used_at timestamptz,
  response_id uuid,
  last_reminded_at timestamptz,
  reminders_sent int NOT NULL DEFAULT 0 CHECK (reminders_sent >= 0),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, survey_id) REFERENCES surveys(org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id),
  CHECK (personal = (customer_id IS NOT NULL OR interaction_id IS NOT NULL OR employee_id IS NOT NULL))
);
-- The public page looks a link up by its token before the organisation is known.
CREATE UNIQUE INDEX survey_links_token ON survey_links (token);
CREATE INDEX survey_links_survey ON survey_links (org_id, survey_id, created_at);
-- The contact-fatigue rule: when did this customer last get a survey?
CREATE INDEX survey_links_customer ON survey_links (org_id, customer_id, created_at) WHERE customer_id IS NOT NULL;
-- The hourly reminder job: personal links still waiting for an answer.
CREATE INDEX survey_links_unanswered ON survey_links (org_id, created_at) WHERE personal AND used_at IS NULL AND reminders_sent < 2;

-- One row per organisation once an admin changes a default; a missing row means the defaults.
CREATE TABLE survey_settings (
  org_id uuid NOT NULL REFERENCES organisations(id),
  contact_fatigue_days int NOT NULL DEFAULT 30 CHECK (contact_fatigue_days BETWEEN 0 AND 3650),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id)
);

-- Messages to respondents (survey reminders). Without an SMTP server they stay
-- here, queued, for an admin to read at GET /api/v1/messages.
CREATE TABLE outbox_messages (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  kind text NOT NULL,
  channel text NOT NULL,
  link_id uuid,
  customer_id uuid,
  interaction_id uuid,
  lang text NOT NULL CHECK (lang IN ('zh-CN', 'en')),
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, link_id) REFERENCES survey_links(org_id, id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['surveys', 'survey_versions', 'survey_links', 'survey_settings', 'outbox_messages'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

-- A version is history: the app may add versions, never rewrite or remove one.
REVOKE UPDATE, DELETE ON survey_versions FROM lodestar_app;
