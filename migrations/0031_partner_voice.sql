-- Partners, continued (C11): attribution rules, the partner's reply to a report period, and CX-fit reviews.

-- "Touchpoint X (at unit Y) belongs to partner Z": an interaction or response that names no partner takes the
-- partner of the most specific rule that matches it (touchpoint at its unit, then the touchpoint anywhere, then
-- anything at the unit). At most one rule per touchpoint and unit, so attribution never depends on order.
CREATE TABLE partner_rules (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  partner_id uuid NOT NULL,
  touchpoint text CHECK (length(touchpoint) BETWEEN 1 AND 100),
  unit_id uuid,
  created_at timestamptz NOT NULL,
  created_by text,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, partner_id) REFERENCES partners(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id),
  CHECK (touchpoint IS NOT NULL OR unit_id IS NOT NULL)
);
CREATE UNIQUE INDEX partner_rules_scope ON partner_rules (org_id, touchpoint, unit_id) NULLS NOT DISTINCT;
CREATE INDEX partner_rules_partner ON partner_rules (org_id, partner_id);

-- What the partner says it will change after reading a report: written through its share link or its key, read
-- by the organisation beside the report. The period is the one the partner was reading.
CREATE TABLE partner_replies (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  partner_id uuid NOT NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  period_days int NOT NULL CHECK (period_days IN (30, 90, 365)),
  period_from timestamptz NOT NULL,
  period_to timestamptz NOT NULL,
  -- 'link' (a share link's id) or 'key' (a partner API key's id): never a person.
  via text NOT NULL CHECK (via IN ('link', 'key')),
  via_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, partner_id) REFERENCES partners(org_id, id)
);
CREATE INDEX partner_replies_partner ON partner_replies (org_id, partner_id, created_at);

-- The organisation's CX-fit review of a partner (five items scored 1–5), kept as history for selection decisions.
CREATE TABLE partner_fit_reviews (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  partner_id uuid NOT NULL,
  answers jsonb NOT NULL,
  score int NOT NULL CHECK (score BETWEEN 0 AND 100),
  note text CHECK (length(note) <= 2000),
  reviewed_by uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, partner_id) REFERENCES partners(org_id, id)
);
CREATE INDEX partner_fit_reviews_partner ON partner_fit_reviews (org_id, partner_id, created_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['partner_rules', 'partner_replies', 'partner_fit_reviews'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, DELETE ON partner_rules TO lodestar_app;
-- Replies and reviews are history: nothing changes or goes.
GRANT SELECT, INSERT ON partner_replies, partner_fit_reviews TO lodestar_app;
