-- Culture and vision assessment (C9): versioned assessment templates, assessments with one-time anonymous
-- invitations, answers and comments that cannot be tied back to anyone, and action plans on the results.
--
-- Unlinkability is structural: an invitation knows the employee and only the sha256 of their token; an answer
-- knows only the unit, level and tenure band copied from the invitation. Neither holds a time that could pair
-- them (no answered_at, no created_at on answers), and comments live apart from scores so a comment cannot be
-- joined to a full set of answers.

-- The culture level of a position (what the assessment groups by); NULL: inferred from the name and authority.
ALTER TABLE positions ADD COLUMN culture_level text
  CHECK (culture_level IN ('c_suite', 'executive', 'manager', 'non_manager', 'support'));
-- When the employee started; gives the tenure band of their invitation (NULL: band unknown).
ALTER TABLE employees ADD COLUMN started_on date;

-- An organisation's own templates (copies of the built-in ones, and their later versions). The built-in
-- `vision-culture` and `pulse` live in code as version 1 and are never rows.
CREATE TABLE assessment_templates (
  org_id uuid NOT NULL REFERENCES organisations(id),
  key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  version int NOT NULL CHECK (version >= 1),
  name jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object'),
  -- [{key, title: {"zh-CN", en}, items: [{key, type, pillar?, text, options?}]}]
  sections jsonb NOT NULL CHECK (jsonb_typeof(sections) = 'array'),
  based_on text,
  created_at timestamptz NOT NULL,
  created_by uuid,
  PRIMARY KEY (org_id, key, version)
);

CREATE TABLE assessments (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  template_key text NOT NULL,
  template_version int NOT NULL,
  -- The template's sections as they were when the assessment was created: later template versions never change it.
  template jsonb NOT NULL CHECK (jsonb_typeof(template) = 'array'),
  name text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  min_group_size int NOT NULL DEFAULT 5 CHECK (min_group_size >= 3),
  min_comment_group_size int NOT NULL DEFAULT 10,
  audience jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(audience) = 'object'),
  closes_at timestamptz NOT NULL,
  opened_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz NOT NULL,
  created_by uuid,
  baseline_assessment_id uuid,
  PRIMARY KEY (org_id, id),
  CHECK (min_comment_group_size >= min_group_size),
  FOREIGN KEY (org_id, baseline_assessment_id) REFERENCES assessments(org_id, id)
);
CREATE INDEX assessments_created ON assessments (org_id, created_at, id);
CREATE INDEX assessments_open ON assessments (org_id, status) WHERE status = 'open';

CREATE TABLE assessment_invitations (
  org_id uuid NOT NULL REFERENCES organisations(id),
  assessment_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  -- sha256 of the one-time token; a fresh link replaces it (the old token stops working).
  token_hash text NOT NULL,
  unit_id uuid NOT NULL,
  level text NOT NULL CHECK (level IN ('c_suite', 'executive', 'manager', 'non_manager', 'support')),
  tenure_band text CHECK (tenure_band IN ('lt1', 'y1_3', 'y3_5', 'y5_plus')),
  answered boolean NOT NULL DEFAULT false,
  invited_at timestamptz NOT NULL,
  reminded_at timestamptz,
  PRIMARY KEY (org_id, assessment_id, employee_id),
  FOREIGN KEY (org_id, assessment_id) REFERENCES assessments(org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id)
);
-- The answer page finds an invitation by its token before the organisation is known.
CREATE UNIQUE INDEX assessment_invitations_token ON assessment_invitations (token_hash);
CREATE INDEX assessment_invitations_unit ON assessment_invitations (org_id, assessment_id, unit_id, level);

CREATE TABLE assessment_answers (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  assessment_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  level text NOT NULL CHECK (level IN ('c_suite', 'executive', 'manager', 'non_manager', 'support')),
  tenure_band text CHECK (tenure_band IN ('lt1', 'y1_3', 'y3_5', 'y5_plus')),
  -- {itemKey: 1..5 (likert) | option value (single)}; text answers go to assessment_comments.
  answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, assessment_id) REFERENCES assessments(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id)
);
CREATE INDEX assessment_answers_group ON assessment_answers (org_id, assessment_id, unit_id, level);

CREATE TABLE assessment_comments (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  assessment_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  level text NOT NULL CHECK (level IN ('c_suite', 'executive', 'manager', 'non_manager', 'support')),
  -- Already PII-redacted (text module's redactPii) when written.
  text text NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, assessment_id) REFERENCES assessments(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id)
);
CREATE INDEX assessment_comments_group ON assessment_comments (org_id, assessment_id, unit_id, level);

CREATE TABLE culture_action_plans (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  assessment_id uuid NOT NULL,
  pillar text CHECK (pillar IN ('empathy', 'data_driven', 'all_hands', 'executive_support', 'empowerment', 'kpis', 'rituals')),
  item_key text,
  title text NOT NULL,
  owner_id uuid,
  due_at date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
  improvement_id uuid,
  challenge_id uuid,
  pulse_assessment_id uuid,
  baseline_index real,
  created_at timestamptz NOT NULL,
  created_by uuid,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, assessment_id) REFERENCES assessments(org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, improvement_id) REFERENCES improvement_projects(org_id, id),
  FOREIGN KEY (org_id, challenge_id) REFERENCES idea_challenges(org_id, id),
  FOREIGN KEY (org_id, pulse_assessment_id) REFERENCES assessments(org_id, id)
);
CREATE INDEX culture_action_plans_assessment ON culture_action_plans (org_id, assessment_id, created_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['assessment_templates', 'assessments', 'assessment_invitations', 'assessment_answers', 'assessment_comments', 'culture_action_plans'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

-- A template version is history: added, never rewritten. Answers and comments are written once and never edited.
GRANT SELECT, INSERT ON assessment_templates TO lodestar_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON assessments TO lodestar_app;
GRANT SELECT, INSERT, UPDATE ON assessment_invitations TO lodestar_app;
GRANT SELECT, INSERT ON assessment_answers TO lodestar_app;
GRANT SELECT, INSERT ON assessment_comments TO lodestar_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON culture_action_plans TO lodestar_app;
REVOKE UPDATE, DELETE ON assessment_templates, assessment_answers, assessment_comments FROM lodestar_app;
REVOKE DELETE ON assessment_invitations FROM lodestar_app;
