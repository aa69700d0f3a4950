-- Public boards choose their metrics (issue 13: the mystery-shopping score, audit_score, beside NPS, CSAT and
-- CES). The names are checked against the metrics API's list by the application, which grows with new metrics,
-- so the column only refuses an empty list; existing boards keep the three they always showed.
ALTER TABLE boards ADD COLUMN metrics text[] NOT NULL DEFAULT '{nps,csat,ces}' CHECK (cardinality(metrics) >= 1);
