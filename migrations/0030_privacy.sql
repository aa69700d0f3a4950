-- Privacy (issue 18, part 4): a customer's export and erasure, and per-organisation retention limits that a
-- daily job enforces. Erasure deletes the customer and what only describes them, and anonymises the rows that
-- also carry a measurement (a score, an interaction's outcome, a case's timings), so every aggregate stays.

-- Retention limits in months; NULL keeps that kind of data for ever. One row per organisation that set any.
CREATE TABLE privacy_settings (
  org_id uuid NOT NULL REFERENCES organisations(id),
  responses_months smallint CHECK (responses_months BETWEEN 1 AND 120),
  comments_months smallint CHECK (comments_months BETWEEN 1 AND 120),
  cases_months smallint CHECK (cases_months BETWEEN 1 AND 120),
  messages_months smallint CHECK (messages_months BETWEEN 1 AND 120),
  sessions_months smallint CHECK (sessions_months BETWEEN 1 AND 120),
  updated_at timestamptz NOT NULL,
  updated_by text,
  -- When the retention job last finished for this organisation, and what it did (counts per kind).
  last_run_at timestamptz,
  last_run jsonb,
  PRIMARY KEY (org_id)
);
ALTER TABLE privacy_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON privacy_settings USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

-- An erased customer's interactions stay (their outcomes feed first-contact resolution, resolution time, churn
-- and conversion) but name nobody any more.
ALTER TABLE interactions ALTER COLUMN customer_id DROP NOT NULL;

-- An export or erasure finds a customer's responses without reading the organisation's; partial, so answers
-- without a customer cost ingestion nothing.
CREATE INDEX responses_customer ON responses (org_id, customer_id) WHERE customer_id IS NOT NULL;

-- Erasure and retention reach the notifications about a case or an answer by link, not by reading them all.
CREATE INDEX notifications_case ON notifications (org_id, case_id) WHERE case_id IS NOT NULL;
CREATE INDEX notifications_response ON notifications (org_id, (data ->> 'responseId')) WHERE data ? 'responseId';

-- The retention job finds old rows per organisation by time.
CREATE INDEX outbox_messages_created ON outbox_messages (org_id, created_at);
CREATE INDEX sessions_created ON sessions (org_id, created_at);

-- The audit log keeps who did what to a customer but no value that identifies them: from now on an entry about
-- a customer names the fields that changed, not their contents (odata/customers.service.ts), and a thank-you card's
-- entry no longer copies the card's note. The entries written before hold those values; rewrite them once, here.
-- The log is append-only for the app and even for a superuser's session, so the trigger is set aside for this
-- statement alone, inside the migration's transaction.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
UPDATE audit_log
   SET after = jsonb_build_object('fields', (
         SELECT coalesce(jsonb_agg(k ORDER BY k), '[]'::jsonb) FROM jsonb_object_keys(after) AS k
          WHERE k IN ('externalId', 'name', 'email', 'phone', 'segment', 'value', 'attributes') AND after -> k <> 'null'::jsonb))
 WHERE entity_type = 'customer' AND action IN ('customer.created', 'customer.updated') AND jsonb_typeof(after) = 'object';
UPDATE audit_log SET after = after - 'note'
 WHERE entity_type = 'customer' AND action = 'thank_you_card.sent' AND jsonb_typeof(after) = 'object' AND after ? 'note';
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;

-- When a case's personal content was removed (its customer's erasure or the retention limit), so the retention
-- job passes over it next time.
ALTER TABLE cases ADD COLUMN scrubbed_at timestamptz;
CREATE INDEX cases_closed_unscrubbed ON cases (org_id, closed_at) WHERE closed_at IS NOT NULL AND scrubbed_at IS NULL;

-- A case's timeline, the compensation ledger, stored case-action results and the partner-link log are
-- append-only for the app role, and stay so. Erasure and retention reach them only through these functions,
-- which change nothing but what privacy needs (a timeline entry's words, a compensation's customer, a stored
-- result that names the customer, old link-log entries) and only in the caller's own organisation: `org` must be
-- the transaction's (app_org_id()), and every statement names it, so Citus routes it to one shard. They run as
-- the tables' owner (SECURITY DEFINER), like the care module's counting functions.
CREATE OR REPLACE FUNCTION privacy_rewrite_case_events(org uuid, entries jsonb) RETURNS int
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH changed AS (
    UPDATE case_events e SET data = x.data FROM jsonb_to_recordset(entries) AS x(id bigint, data jsonb)
     WHERE e.org_id = org AND org = app_org_id() AND e.id = x.id RETURNING 1)
  SELECT count(*)::int FROM changed
$$;
CREATE OR REPLACE FUNCTION privacy_detach_compensations(org uuid, case_ids uuid[]) RETURNS int
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH changed AS (
    UPDATE compensations SET customer_id = NULL
     WHERE org_id = org AND org = app_org_id() AND case_id = ANY (case_ids) AND customer_id IS NOT NULL RETURNING 1)
  SELECT count(*)::int FROM changed
$$;
-- Stored results of case actions (kept to answer a retried request) that name one of `ids` or hold one of `vals`.
CREATE OR REPLACE FUNCTION privacy_forget_action_results(org uuid, ids text[], vals text[]) RETURNS int
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH gone AS (
    DELETE FROM case_action_keys k WHERE k.org_id = org AND org = app_org_id() AND (
      EXISTS (SELECT 1 FROM regexp_matches(k.result::text, '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', 'g') m WHERE m[1] = ANY (ids))
      OR EXISTS (SELECT 1 FROM unnest(vals) v WHERE strpos(k.result::text, v) > 0)) RETURNING 1)
  SELECT count(*)::int FROM gone
$$;
-- Partner-link access records (addresses) older than `before`, at most `lim` of them.
CREATE OR REPLACE FUNCTION privacy_prune_partner_link_log(org uuid, before timestamptz, lim int) RETURNS int
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH gone AS (
    DELETE FROM partner_link_log WHERE org_id = org AND id IN (
      SELECT id FROM partner_link_log WHERE org_id = org AND org = app_org_id() AND at < before ORDER BY at LIMIT lim) RETURNING 1)
  SELECT count(*)::int FROM gone
$$;
REVOKE ALL ON FUNCTION privacy_rewrite_case_events(uuid, jsonb), privacy_detach_compensations(uuid, uuid[]),
  privacy_forget_action_results(uuid, text[], text[]), privacy_prune_partner_link_log(uuid, timestamptz, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION privacy_rewrite_case_events(uuid, jsonb), privacy_detach_compensations(uuid, uuid[]),
  privacy_forget_action_results(uuid, text[], text[]), privacy_prune_partner_link_log(uuid, timestamptz, int) TO lodestar_app;
