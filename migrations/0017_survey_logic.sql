-- Partial answers (survey logic, pages): a respondent's answers saved page by
-- page, kept apart from `responses` so that nothing half-answered ever reaches
-- metrics, rollups, alert rules, text analysis, events or webhooks. The draft's
-- id is the id the response will have: completing it writes the response
-- through the ordinary ingest path with that id, and the same transaction
-- deletes the draft.

CREATE TABLE response_drafts (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL,
  survey_id uuid NOT NULL,
  survey_version int NOT NULL,
  link_id uuid NOT NULL,
  -- Anonymous (reusable) links: sha256 of the secret the respondent's form carries, so only they resume it.
  -- Personal links: NULL; the link itself is the respondent's, one draft per link.
  secret_hash text,
  customer_id uuid,
  interaction_id uuid,
  employee_id uuid,
  unit_id uuid,
  touchpoint text,
  channel text,
  lang text CHECK (lang IN ('zh-CN', 'en')),
  answers jsonb NOT NULL,
  nps smallint CHECK (nps BETWEEN 0 AND 10),
  csat smallint CHECK (csat BETWEEN 1 AND 5),
  ces smallint CHECK (ces BETWEEN 1 AND 7),
  comment text,
  -- The last page saved (0 when saved through the API without pages).
  page int NOT NULL DEFAULT 0 CHECK (page BETWEEN 0 AND 20),
  -- Spam signals seen on any page, and when the first page was shown (the too-fast check spans all pages).
  flags text[] NOT NULL DEFAULT '{}',
  started_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, survey_id, survey_version) REFERENCES survey_versions(org_id, survey_id, version),
  FOREIGN KEY (org_id, link_id) REFERENCES survey_links(org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id)
);
-- One draft per personal link; an anonymous link's drafts are found by their secret.
CREATE UNIQUE INDEX response_drafts_personal ON response_drafts (org_id, link_id) WHERE secret_hash IS NULL;
CREATE UNIQUE INDEX response_drafts_secret ON response_drafts (org_id, link_id, secret_hash) WHERE secret_hash IS NOT NULL;
-- The partial list pages newest first; drop-off reads a survey's drafts.
CREATE INDEX response_drafts_updated ON response_drafts (org_id, updated_at, id);
CREATE INDEX response_drafts_survey ON response_drafts (org_id, survey_id, survey_version);

ALTER TABLE response_drafts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON response_drafts USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON response_drafts TO lodestar_app;
