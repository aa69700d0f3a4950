-- Metrics: incremental rollups of the responses' scores, written in the same
-- transaction as the responses (so an acknowledged response counts at once),
-- and read by the metrics API instead of the raw rows.

-- One row per organisation, grain ('day' or 'month', in the organisation's time
-- zone), period start, unit, employee, survey, touchpoint and channel, holding
-- counts and sums. A response without a unit counts under its employee's unit.
-- Spam-flagged responses (public page honeypot, too fast) are not counted.
-- The month rows are the day rows summed: long ranges read 30× fewer rows.
CREATE TABLE metric_rollups (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  grain text NOT NULL CHECK (grain IN ('day', 'month')),
  period date NOT NULL,
  unit_id uuid,
  employee_id uuid,
  survey_id uuid NOT NULL,
  touchpoint text,
  channel text,
  responses int NOT NULL DEFAULT 0,
  nps_n int NOT NULL DEFAULT 0,
  promoters int NOT NULL DEFAULT 0,
  detractors int NOT NULL DEFAULT 0,
  csat_n int NOT NULL DEFAULT 0,
  csat_sum int NOT NULL DEFAULT 0,
  csat_sq int NOT NULL DEFAULT 0,
  csat_top2 int NOT NULL DEFAULT 0,
  ces_n int NOT NULL DEFAULT 0,
  ces_sum int NOT NULL DEFAULT 0,
  ces_sq int NOT NULL DEFAULT 0,
  ces_easy int NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, survey_id) REFERENCES surveys(org_id, id)
);
-- The upsert's conflict target (a missing unit, employee, touchpoint or channel is a key value of its own)
-- and the range scan of every metric query (organisation, grain, period).
CREATE UNIQUE INDEX metric_rollups_key ON metric_rollups (org_id, grain, period, unit_id, employee_id, survey_id, touchpoint, channel) NULLS NOT DISTINCT;

-- Response rate counts personal links sent in a period across the whole organisation.
CREATE INDEX survey_links_personal_created ON survey_links (org_id, created_at) WHERE personal;

ALTER TABLE metric_rollups ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON metric_rollups USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON metric_rollups TO lodestar_app;
