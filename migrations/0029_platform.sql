-- Platform at scale: several app nodes on one PostgreSQL, and a schema that Citus can shard by org_id.
-- `../shared/tools/citus-check.sql` must print no row after this migration; ARCHITECTURE.md ("Distribution
-- on Citus") says which tables are distributed, which are reference and which stay local, and in which order.

-- Global tables, declared so (a table without org_id is either replicated to every node or kept on the coordinator).
COMMENT ON TABLE organisations IS 'citus:reference: the tenants themselves; small, read by logins and joined by reports';
COMMENT ON TABLE schema_migrations IS 'citus:local: migration bookkeeping, read and written only by the migrator';

-- Look-ups by token happen before the organisation is known (a session cookie, an API key id, a public link,
-- a public board, a culture invitation). Citus can only enforce a unique index that holds the distribution
-- column, so each becomes unique per organisation with the token first: the index still serves the look-up
-- (on Citus one index probe per shard, in parallel) and the tokens stay unique across organisations by their
-- 144 to 256 random bits, as they always were in practice.
DROP INDEX api_keys_id;
CREATE UNIQUE INDEX api_keys_id ON api_keys (id, org_id);
ALTER TABLE sessions DROP CONSTRAINT sessions_token_hash_key;
CREATE UNIQUE INDEX sessions_token ON sessions (token_hash, org_id);
DROP INDEX survey_links_token;
CREATE UNIQUE INDEX survey_links_token ON survey_links (token, org_id);
DROP INDEX boards_token;
CREATE UNIQUE INDEX boards_token ON boards (token_hash, org_id);
DROP INDEX assessment_invitations_token;
CREATE UNIQUE INDEX assessment_invitations_token ON assessment_invitations (token_hash, org_id);

-- Jobs are distributed like every tenant table: org_id is never NULL. System jobs (rollups across
-- organisations, clean-ups) belong to the all-zero organisation, which has no row in `organisations`,
-- hence no foreign key; on Citus they all live on that one shard. Unique keys hold per organisation.
ALTER TABLE jobs DROP CONSTRAINT jobs_org_id_fkey;
UPDATE jobs SET org_id = '00000000-0000-0000-0000-000000000000' WHERE org_id IS NULL;
ALTER TABLE jobs ALTER COLUMN org_id SET NOT NULL;
ALTER TABLE jobs DROP CONSTRAINT jobs_pkey;
ALTER TABLE jobs ADD PRIMARY KEY (org_id, id);
ALTER TABLE jobs DROP CONSTRAINT jobs_unique_key_key;
ALTER TABLE jobs ADD CONSTRAINT jobs_unique_key UNIQUE (org_id, unique_key);
DROP INDEX jobs_org;
-- Claims are per organisation (a router query on Citus): the due jobs of one organisation in order.
CREATE INDEX jobs_due_by_org ON jobs (org_id, run_at, id) WHERE status = 'queued';

-- The dispatcher finds organisations with due events in the oldest pending ids (outbox_events_due),
-- then claims each organisation's events on its own.
CREATE INDEX outbox_events_due_by_org ON outbox_events (org_id, id) WHERE done_at IS NULL;

-- Rate-limit windows shared by every app node (login tries per address and e-mail, public pages per address).
-- The key is a sha256 of the route and the limiter's key, so no address or e-mail is stored in clear.
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  hits int NOT NULL,
  window_ends_at timestamptz NOT NULL
);
CREATE INDEX rate_limits_expiry ON rate_limits (window_ends_at);
COMMENT ON TABLE rate_limits IS 'citus:local: short-lived counters written on every limited request; kept on the coordinator';
-- Only the platform (system transactions) counts hits; the app role has no business here.
REVOKE ALL ON rate_limits FROM lodestar_app;
