-- Text analytics: the analysis of each response's comments (sentiment, keywords,
-- topics, praise, the redacted text) and the organisation's own topic names
-- (renames and merges of the keywords found).

-- One row per analysed response, written by the response.submitted handler. The
-- response's unit, touchpoint, employee, customer and time are copied here so topic
-- trends and sentiment curves group without joining the responses table.
CREATE TABLE text_analyses (
  org_id uuid NOT NULL REFERENCES organisations(id),
  response_id uuid NOT NULL,
  sentiment text NOT NULL CHECK (sentiment IN ('positive', 'neutral', 'negative')),
  score real NOT NULL CHECK (score BETWEEN -1 AND 1),
  keywords text[] NOT NULL DEFAULT '{}',
  topics text[] NOT NULL DEFAULT '{}',
  is_praise boolean NOT NULL,
  -- The comments as analysed, phone numbers, e-mail, ID and bank card numbers masked.
  redacted_text text NOT NULL,
  pii_found text[] NOT NULL DEFAULT '{}',
  lang text NOT NULL CHECK (lang IN ('zh', 'en', 'mixed', 'other')),
  unit_id uuid,
  employee_id uuid,
  customer_id uuid,
  touchpoint text,
  submitted_at timestamptz NOT NULL,
  analysed_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, response_id),
  FOREIGN KEY (org_id, response_id) REFERENCES responses(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id)
);
CREATE INDEX text_analyses_submitted ON text_analyses (org_id, submitted_at);
CREATE INDEX text_analyses_unit ON text_analyses (org_id, unit_id, submitted_at);
CREATE INDEX text_analyses_employee ON text_analyses (org_id, employee_id, submitted_at);
CREATE INDEX text_analyses_praise ON text_analyses (org_id, submitted_at) WHERE is_praise;

-- A keyword the organisation has filed under a topic of its own naming: a rename
-- files a topic's keywords under the new name, a merge files several topics' under one.
-- A keyword without a row is its own topic.
CREATE TABLE text_topic_terms (
  org_id uuid NOT NULL REFERENCES organisations(id),
  term text NOT NULL CHECK (length(term) BETWEEN 1 AND 100),
  topic text NOT NULL CHECK (length(topic) BETWEEN 1 AND 100),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, term)
);
CREATE INDEX text_topic_terms_topic ON text_topic_terms (org_id, topic);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['text_analyses', 'text_topic_terms'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON text_analyses, text_topic_terms TO lodestar_app;
