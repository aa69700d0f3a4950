-- Frontline: cases any employee captures for a customer they met (with an optional photo), the queue of
-- cases nobody owns, and care after hard cases: hard-case flags and support requests that only the two
-- people involved can read, even for the organisation's admins.

-- An employee who left keeps their history; their open cases go back to the queue for someone to claim.
ALTER TABLE employees ADD COLUMN left_at timestamptz;

-- What an employee wrote down when they captured a case, and where it happened.
ALTER TABLE cases ADD COLUMN description text CHECK (length(description) <= 4000);
ALTER TABLE cases ADD COLUMN touchpoint text CHECK (length(touchpoint) <= 120);
CREATE INDEX cases_unowned ON cases (org_id, unit_id, created_at) WHERE owner_id IS NULL AND status IN ('new', 'acknowledged', 'in_progress');
CREATE INDEX cases_captured ON cases (org_id, employee_id, created_at) WHERE source = 'employee';

-- One photo per captured case, kept apart from the case row so lists never load it. The size cap and the
-- accepted types are checked by the service (magic bytes) and again here.
CREATE TABLE case_photos (
  org_id uuid NOT NULL REFERENCES organisations(id),
  case_id uuid NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 12 AND 524288),
  uploaded_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, case_id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id),
  FOREIGN KEY (org_id, uploaded_by) REFERENCES employees(org_id, id)
);

-- A captured customer insight earns points (recognition) and counts towards promotion readiness.
ALTER TABLE points_ledger DROP CONSTRAINT points_ledger_source_type_check;
ALTER TABLE points_ledger ADD CONSTRAINT points_ledger_source_type_check
  CHECK (source_type IN ('praise', 'idea_accepted', 'case_resolved', 'manual', 'reversal', 'redemption', 'redemption_refund', 'insight_captured'));
ALTER TABLE promotion_criteria ADD COLUMN min_insights int NOT NULL DEFAULT 0 CHECK (min_insights BETWEEN 0 AND 100000);

-- The employee the current transaction acts for (set by the support service per transaction); NULL when unset.
-- Care rows are visible only where it names one of the people involved, so no other query, route or role,
-- admins included, can read them, even one that forgets its WHERE clause.
CREATE OR REPLACE FUNCTION app_employee_id() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.employee_id', true), '')::uuid $$;

-- "This case was hard on me": one flag per case and person, seen only by that person.
CREATE TABLE case_hard_flags (
  org_id uuid NOT NULL REFERENCES organisations(id),
  case_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  reason text NOT NULL CHECK (reason IN ('abusive_customer', 'long_escalation', 'distressing')),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, case_id, employee_id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id)
);
CREATE INDEX case_hard_flags_employee ON case_hard_flags (org_id, employee_id, created_at);

-- A request for a talk, a break or counselling, readable only by the requester and the supporter they chose.
-- `unit_id` is the requester's unit when they asked: what the suppressed per-unit counts group by.
CREATE TABLE support_requests (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  requester_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  supporter_id uuid,
  case_id uuid,
  kind text NOT NULL CHECK (kind IN ('talk', 'break', 'counselling')),
  note text CHECK (length(note) <= 2000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'completed')),
  created_at timestamptz NOT NULL,
  accepted_at timestamptz,
  completed_at timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK (supporter_id IS DISTINCT FROM requester_id),
  FOREIGN KEY (org_id, requester_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, supporter_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id)
);
CREATE INDEX support_requests_requester ON support_requests (org_id, requester_id, created_at);
CREATE INDEX support_requests_supporter ON support_requests (org_id, supporter_id, created_at) WHERE supporter_id IS NOT NULL;
CREATE INDEX support_requests_unit ON support_requests (org_id, unit_id, created_at);

ALTER TABLE case_photos ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON case_photos USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE case_hard_flags ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON case_hard_flags
  USING (org_id = app_org_id() AND employee_id = app_employee_id())
  WITH CHECK (org_id = app_org_id() AND employee_id = app_employee_id());
ALTER TABLE support_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON support_requests
  USING (org_id = app_org_id() AND app_employee_id() IN (requester_id, supporter_id))
  WITH CHECK (org_id = app_org_id() AND app_employee_id() IN (requester_id, supporter_id));

GRANT SELECT, INSERT, DELETE ON case_photos TO lodestar_app;
GRANT SELECT, INSERT, DELETE ON case_hard_flags TO lodestar_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON support_requests TO lodestar_app;
REVOKE UPDATE ON case_photos, case_hard_flags FROM lodestar_app;

-- The only two ways past those policies, and both give numbers, never rows. They run as the tables' owner
-- (SECURITY DEFINER) but stay inside the caller's organisation.
-- Support requests per requester unit since a time, only for units with at least `min_group` of them:
-- smaller groups never leave the database.
CREATE OR REPLACE FUNCTION support_request_unit_counts(since timestamptz, min_group int)
  RETURNS TABLE (unit_id uuid, n int)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s.unit_id, count(*)::int FROM support_requests s
   WHERE s.org_id = app_org_id() AND s.created_at >= since
   GROUP BY s.unit_id HAVING count(*) >= greatest(min_group, 1)
$$;
-- How many people flagged each of these cases as hard (a weight of the case-load view), without who or why.
CREATE OR REPLACE FUNCTION case_hard_flag_counts(case_ids uuid[])
  RETURNS TABLE (case_id uuid, n int)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT f.case_id, count(*)::int FROM case_hard_flags f
   WHERE f.org_id = app_org_id() AND f.case_id = ANY (case_ids)
   GROUP BY f.case_id
$$;
REVOKE ALL ON FUNCTION support_request_unit_counts(timestamptz, int), case_hard_flag_counts(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION support_request_unit_counts(timestamptz, int), case_hard_flag_counts(uuid[]) TO lodestar_app;
