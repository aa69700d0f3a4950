-- Dashboards (C4): the metric tree (KPIs at company, department and position
-- level with owner, weight, target and deadline), values recorded by hand for
-- KPIs no metric measures (script compliance), strategic goals with the KPIs
-- that measure their progress, and public boards: read-only links for an
-- office screen that show aggregate numbers only.

-- `metric` is a metric of GET /metrics/:metric or 'manual' (values in kpi_values).
-- `filters` holds the metric filters besides the unit: {surveyId?, touchpoint?, channel?}.
-- The value is measured over the last `period_days` days in the KPI's unit subtree.
CREATE TABLE kpis (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  parent_id uuid,
  level text NOT NULL CHECK (level IN ('company', 'department', 'position')),
  name text NOT NULL,
  name_en text,
  unit_id uuid,
  position_id uuid,
  owner_id uuid,
  metric text NOT NULL,
  filters jsonb NOT NULL DEFAULT '{}',
  direction text NOT NULL CHECK (direction IN ('higher', 'lower')),
  target double precision NOT NULL,
  baseline double precision,
  weight double precision NOT NULL CHECK (weight >= 0 AND weight <= 100),
  period_days int NOT NULL CHECK (period_days BETWEEN 1 AND 3660),
  deadline date,
  note text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, parent_id) REFERENCES kpis(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id),
  FOREIGN KEY (org_id, position_id) REFERENCES positions(org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES employees(org_id, id),
  CHECK (level <> 'position' OR position_id IS NOT NULL),
  CHECK (level = 'company' OR unit_id IS NOT NULL)
);
-- A scorecard reads one unit's KPIs; the tree reads children by parent.
CREATE INDEX kpis_unit ON kpis (org_id, unit_id);
CREATE INDEX kpis_parent ON kpis (org_id, parent_id);

-- Values of manual KPIs (audits, mystery shopping): the latest one counts.
CREATE TABLE kpi_values (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kpi_id uuid NOT NULL,
  recorded_on date NOT NULL,
  value double precision NOT NULL,
  note text,
  recorded_by uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, kpi_id) REFERENCES kpis(org_id, id) ON DELETE CASCADE
);
CREATE INDEX kpi_values_kpi ON kpi_values (org_id, kpi_id, recorded_on DESC, created_at DESC);

-- Strategic goals ("customer satisfaction in the industry top 3 within 3 years"):
-- progress is set by hand or, without it, the mean attainment of the linked KPIs.
CREATE TABLE goals (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  title text NOT NULL,
  title_en text,
  description text,
  owner_id uuid,
  start_date date NOT NULL,
  deadline date NOT NULL,
  progress double precision CHECK (progress BETWEEN 0 AND 100),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES employees(org_id, id),
  CHECK (start_date < deadline)
);

CREATE TABLE goal_kpis (
  org_id uuid NOT NULL REFERENCES organisations(id),
  goal_id uuid NOT NULL,
  kpi_id uuid NOT NULL,
  PRIMARY KEY (org_id, goal_id, kpi_id),
  FOREIGN KEY (org_id, goal_id) REFERENCES goals(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, kpi_id) REFERENCES kpis(org_id, id) ON DELETE CASCADE
);
CREATE INDEX goal_kpis_kpi ON goal_kpis (org_id, kpi_id);

-- A public board: only the sha256 of its random token is stored (the token is shown once).
-- `unit_ids` are the teams it shows (each over its subtree); empty means the children of `unit_id`.
CREATE TABLE boards (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  token_hash text NOT NULL,
  unit_id uuid NOT NULL,
  unit_ids uuid[] NOT NULL DEFAULT '{}',
  period_days int NOT NULL CHECK (period_days BETWEEN 1 AND 366),
  created_by text,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_viewed_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id)
);
-- The public route looks a board up by its token's hash before the organisation is known.
CREATE UNIQUE INDEX boards_token ON boards (token_hash);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['kpis', 'kpi_values', 'goals', 'goal_kpis', 'boards'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON kpis, kpi_values, goals, goal_kpis, boards TO lodestar_app;
