-- Governance (C10): the experience committee (members, meetings with agenda, minutes and decisions) and
-- executive listening (a rotation plan of who listens how often, scheduled sessions, what was learnt and
-- the ideas, improvement projects and cases a session led to).

-- At most one chair per organisation; a person sits on the committee once.
CREATE TABLE committee_members (
  org_id uuid NOT NULL REFERENCES organisations(id),
  employee_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('chair', 'cxo', 'member')),
  joined_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, employee_id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id)
);
CREATE UNIQUE INDEX committee_members_one_chair ON committee_members (org_id) WHERE role = 'chair';

CREATE TABLE committee_meetings (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  title text NOT NULL,
  at timestamptz NOT NULL,
  -- [{title, note, source, ref}]: the items in order; `source` says which customer-voice suggestion it came from.
  agenda jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(agenda) = 'array'),
  minutes text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  created_by uuid,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX committee_meetings_at ON committee_meetings (org_id, at);

CREATE TABLE committee_decisions (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL,
  title text NOT NULL,
  owner_id uuid,
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
  -- When it left `open` (done or dropped); NULL while open.
  closed_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, meeting_id) REFERENCES committee_meetings(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, owner_id) REFERENCES employees(org_id, id),
  CHECK ((status = 'open') = (closed_at IS NULL))
);
CREATE INDEX committee_decisions_meeting ON committee_decisions (org_id, meeting_id, created_at);
CREATE INDEX committee_decisions_due ON committee_decisions (org_id, status, due_on);

-- The rotation plan: one row per person and kind of session, with its cadence.
CREATE TABLE listening_rotations (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  employee_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('customer_call', 'frontline_shift', 'store_visit', 'customer_meeting')),
  every_weeks int NOT NULL CHECK (every_weeks BETWEEN 1 AND 52),
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, employee_id, kind),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id)
);

CREATE TABLE listening_sessions (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  employee_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('customer_call', 'frontline_shift', 'store_visit', 'customer_meeting')),
  unit_id uuid,
  scheduled_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled')),
  -- Set by the log: when it took place and what was learnt (as written; readers outside the session get it redacted).
  held_at timestamptz,
  learnings text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id),
  CHECK ((status = 'done') = (held_at IS NOT NULL AND learnings IS NOT NULL))
);
CREATE INDEX listening_sessions_employee ON listening_sessions (org_id, employee_id, scheduled_at);
CREATE INDEX listening_sessions_scheduled ON listening_sessions (org_id, scheduled_at);

-- What a session led to: exactly one of an idea, an improvement project or a case per row.
CREATE TABLE listening_session_links (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL,
  idea_id uuid,
  improvement_id uuid,
  case_id uuid,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, session_id) REFERENCES listening_sessions(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, idea_id) REFERENCES ideas(org_id, id),
  FOREIGN KEY (org_id, improvement_id) REFERENCES improvement_projects(org_id, id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id),
  CHECK (num_nonnulls(idea_id, improvement_id, case_id) = 1)
);
CREATE INDEX listening_session_links_session ON listening_session_links (org_id, session_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['committee_members', 'committee_meetings', 'committee_decisions', 'listening_rotations', 'listening_sessions', 'listening_session_links'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON committee_members, committee_meetings, committee_decisions,
  listening_rotations, listening_sessions, listening_session_links TO lodestar_app;
