-- Experience audit and mystery shopping (C10): an audit scores a copied checklist item by item (0–4) with
-- evidence, attachments, owners and due dates for the gaps; a re-audit names its baseline. A mystery-shopping
-- visit is an audit of one unit and touchpoint, done by a leader or by an external shopper through a
-- one-time link; a completed visit's score (% of the checklist's maximum) is the `audit_score` metric,
-- which the metrics module reads straight from this table.

CREATE TABLE experience_audits (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('audit', 'mystery')),
  template_key text NOT NULL,
  -- NULL: the template's name, shown in the reader's language.
  title text,
  -- The template's areas and items as they were when the audit was created (a re-audit copies its
  -- baseline's): later template changes never alter an audit under way or its comparison.
  checklist jsonb NOT NULL CHECK (jsonb_typeof(checklist) = 'object'),
  unit_id uuid,
  touchpoint text,
  baseline_audit_id uuid,
  owner_id uuid,
  due_at date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed')),
  conducted_by text CHECK (conducted_by IN ('leader', 'shopper')),
  -- 100 × the sum of the scores / (4 × items), written once at completion.
  score_pct double precision CHECK (score_pct BETWEEN 0 AND 100),
  notes text NOT NULL DEFAULT '',
  completed_at timestamptz,
  -- The external shopper's one-time link: only the sha256 of its token; a fresh link replaces the old one.
  link_token_hash text,
  link_expires_at timestamptz,
  link_issued_at timestamptz,
  created_at timestamptz NOT NULL,
  created_by uuid,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, baseline_audit_id) REFERENCES experience_audits(org_id, id),
  CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
  CHECK ((status = 'completed') = (score_pct IS NOT NULL)),
  CHECK (kind = 'audit' OR (unit_id IS NOT NULL AND touchpoint IS NOT NULL)),
  CHECK ((link_token_hash IS NULL) = (link_expires_at IS NULL))
);
CREATE INDEX experience_audits_created ON experience_audits (org_id, kind, created_at, id);
-- The audit_score metric's scan: completed visits by time.
CREATE INDEX experience_audits_visits ON experience_audits (org_id, completed_at) WHERE kind = 'mystery' AND status = 'completed';
-- The shopper page finds its visit by the token before the organisation is known.
CREATE UNIQUE INDEX experience_audits_link ON experience_audits (link_token_hash, org_id) WHERE link_token_hash IS NOT NULL;

CREATE TABLE experience_audit_items (
  org_id uuid NOT NULL REFERENCES organisations(id),
  audit_id uuid NOT NULL,
  item_key text NOT NULL,
  area text NOT NULL,
  position int NOT NULL,
  score smallint CHECK (score BETWEEN 0 AND 4),
  evidence text NOT NULL DEFAULT '',
  links text[] NOT NULL DEFAULT '{}',
  owner_id uuid,
  due_at date,
  improvement_id uuid,
  updated_at timestamptz,
  PRIMARY KEY (org_id, audit_id, item_key),
  FOREIGN KEY (org_id, audit_id) REFERENCES experience_audits(org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, improvement_id) REFERENCES improvement_projects(org_id, id)
);

-- Evidence files, kept in the database so a backup holds them; the type comes from the file's first bytes.
CREATE TABLE experience_audit_attachments (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  audit_id uuid NOT NULL,
  item_key text NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp', 'application/pdf')),
  size int NOT NULL CHECK (size BETWEEN 1 AND 5242880),
  content bytea NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, audit_id, item_key) REFERENCES experience_audit_items(org_id, audit_id, item_key)
);
CREATE INDEX experience_audit_attachments_item ON experience_audit_attachments (org_id, audit_id, item_key);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['experience_audits', 'experience_audit_items', 'experience_audit_attachments'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

-- Audits are kept (a completed one is the baseline of the next); only attachments of open audits are removed.
GRANT SELECT, INSERT, UPDATE ON experience_audits, experience_audit_items TO lodestar_app;
GRANT SELECT, INSERT, DELETE ON experience_audit_attachments TO lodestar_app;
