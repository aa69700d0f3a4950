-- Closed loop (C6): alert rules that turn unhappy responses into cases, the
-- cases with their SLA, owner and full timeline, compensation within a
-- position's authority (an append-only ledger, approval requests above it),
-- process exemptions with their 24-hour reports, the root-cause taxonomy,
-- the per-organisation SLA settings and in-app notifications.

-- `conditions` and `actions` are the rule's `when` and `then` as the API takes them.
-- A deleted rule is kept (deleted_at) so the cases it opened still name it.
CREATE TABLE alert_rules (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  conditions jsonb NOT NULL,
  actions jsonb NOT NULL,
  -- Evaluated by the handler that waits for the text analysis.
  needs_sentiment boolean NOT NULL DEFAULT false,
  cases_opened int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX alert_rules_active ON alert_rules (org_id, created_at) WHERE enabled AND deleted_at IS NULL;

-- One row per organisation once an admin changes a default; a missing row means the defaults.
CREATE TABLE case_settings (
  org_id uuid NOT NULL REFERENCES organisations(id),
  -- {"urgent": {"firstResponseMinutes", "resolutionMinutes"}, "high": …, "medium": …, "low": …}
  sla jsonb NOT NULL,
  -- The survey a resolved case's follow-up uses; NULL means the survey the customer answered.
  follow_up_survey_id uuid,
  follow_up_channel text NOT NULL DEFAULT 'email' CHECK (follow_up_channel IN ('email', 'sms')),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id),
  FOREIGN KEY (org_id, follow_up_survey_id) REFERENCES surveys(org_id, id)
);

-- The organisation's root-cause taxonomy; no rows means the built-in defaults.
CREATE TABLE root_causes (
  org_id uuid NOT NULL REFERENCES organisations(id),
  code text NOT NULL,
  name text NOT NULL,
  name_en text NOT NULL,
  parent_code text,
  sort int NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, code),
  FOREIGN KEY (org_id, parent_code) REFERENCES root_causes(org_id, code) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE cases (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  status text NOT NULL CHECK (status IN ('new', 'acknowledged', 'in_progress', 'resolved', 'closed')),
  priority text NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
  source text NOT NULL CHECK (source IN ('alert_rule', 'employee')),
  title text NOT NULL,
  rule_id uuid,
  response_id uuid,
  customer_id uuid,
  interaction_id uuid,
  -- The serving employee (from the response); the owner may change by escalation or claim.
  employee_id uuid,
  unit_id uuid,
  owner_id uuid,
  first_response_due_at timestamptz NOT NULL,
  resolution_due_at timestamptz NOT NULL,
  -- When the SLA job escalates the case next if nobody acts; NULL once resolved.
  escalate_at timestamptz,
  escalation_level int NOT NULL DEFAULT 0,
  first_responded_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  root_cause text,
  reopen_count int NOT NULL DEFAULT 0,
  follow_up_link_id uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, rule_id) REFERENCES alert_rules(org_id, id),
  FOREIGN KEY (org_id, response_id) REFERENCES responses(org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id),
  FOREIGN KEY (org_id, interaction_id) REFERENCES interactions(org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, follow_up_link_id) REFERENCES survey_links(org_id, id)
);
-- Exactly one case per response per rule, even when the outbox delivers an event twice.
CREATE UNIQUE INDEX cases_rule_response ON cases (org_id, rule_id, response_id) WHERE rule_id IS NOT NULL;
CREATE INDEX cases_created ON cases (org_id, created_at, id);
CREATE INDEX cases_owner ON cases (org_id, owner_id, status);
CREATE INDEX cases_unit ON cases (org_id, unit_id, status);
CREATE INDEX cases_customer ON cases (org_id, customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX cases_follow_up ON cases (org_id, follow_up_link_id) WHERE follow_up_link_id IS NOT NULL;
-- The SLA job scans due cases across organisations, so org_id is not first here (as outbox_events_pending).
CREATE INDEX cases_escalate_due ON cases (escalate_at) WHERE escalate_at IS NOT NULL;

-- The case's full history; append-only.
CREATE TABLE case_events (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  case_id uuid NOT NULL,
  at timestamptz NOT NULL,
  type text NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system', 'customer')),
  actor_id text,
  actor_employee_id uuid,
  data jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id),
  FOREIGN KEY (org_id, actor_employee_id) REFERENCES employees(org_id, id)
);
CREATE INDEX case_events_case ON case_events (org_id, case_id, id);

-- Over-limit compensation waiting for (or decided by) a manager whose authority covers it.
CREATE TABLE approval_requests (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  requested_by uuid NOT NULL,
  approver_id uuid NOT NULL,
  amount numeric(12, 2) NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('refund', 'voucher', 'upgrade', 'gift')),
  note text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by uuid,
  decided_at timestamptz,
  decision_note text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id),
  FOREIGN KEY (org_id, requested_by) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, approver_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, decided_by) REFERENCES employees(org_id, id)
);
CREATE INDEX approval_requests_approver ON approval_requests (org_id, approver_id, status, created_at);
CREATE INDEX approval_requests_case ON approval_requests (org_id, case_id);

-- Compensation granted: one row per grant, never changed (per case, employee and unit).
CREATE TABLE compensations (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  -- Who granted it on the spot (or asked, when approved).
  employee_id uuid NOT NULL,
  unit_id uuid,
  customer_id uuid,
  amount numeric(12, 2) NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('refund', 'voucher', 'upgrade', 'gift')),
  approval_id uuid,
  approved_by uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id),
  FOREIGN KEY (org_id, approval_id) REFERENCES approval_requests(org_id, id),
  FOREIGN KEY (org_id, approved_by) REFERENCES employees(org_id, id)
);
CREATE INDEX compensations_case ON compensations (org_id, case_id);
CREATE INDEX compensations_employee ON compensations (org_id, employee_id, created_at);
CREATE INDEX compensations_unit ON compensations (org_id, unit_id, created_at);
-- One execution per approval, whatever races.
CREATE UNIQUE INDEX compensations_approval ON compensations (org_id, approval_id) WHERE approval_id IS NOT NULL;

-- A rule broken for the customer; the report is due 24 h later.
CREATE TABLE exemptions (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  rule text NOT NULL,
  reason text NOT NULL,
  report_due_at timestamptz NOT NULL,
  report text,
  reported_at timestamptz,
  -- Set by the job that flags an overdue report and escalates it to the manager.
  overdue_at timestamptz,
  escalated_to uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, escalated_to) REFERENCES employees(org_id, id)
);
CREATE INDEX exemptions_employee ON exemptions (org_id, employee_id, created_at);
CREATE INDEX exemptions_case ON exemptions (org_id, case_id);
-- The overdue job scans across organisations, so org_id is not first here.
CREATE INDEX exemptions_report_due ON exemptions (report_due_at) WHERE reported_at IS NULL AND overdue_at IS NULL;

-- In-app notifications to one employee (the workbench reads them; the live stream will push them).
CREATE TABLE notifications (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  employee_id uuid NOT NULL,
  kind text NOT NULL,
  case_id uuid,
  title text NOT NULL,
  title_en text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id)
);
CREATE INDEX notifications_employee ON notifications (org_id, employee_id, created_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['alert_rules', 'case_settings', 'root_causes', 'cases', 'case_events', 'approval_requests',
                           'compensations', 'exemptions', 'notifications'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON alert_rules, case_settings, root_causes, cases, case_events, approval_requests,
  compensations, exemptions, notifications TO lodestar_app;
-- The timeline and the compensation ledger only grow.
REVOKE UPDATE, DELETE ON case_events, compensations FROM lodestar_app;
