-- Partners (C11): the suppliers, franchisees, logistics companies and vendors whose work customers judge too.
-- Interactions and responses can be attributed to one (a response inherits its interaction's partner), a partner
-- API key reads that partner's report only, and a share link gives the partner's people the same report behind
-- an expiring passcode. Only hashes of the link token, the passcode and the unlocked-session token are kept.

CREATE TABLE partners (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('supplier', 'franchisee', 'logistics', 'vendor')),
  -- The integrator's own key for the partner: CSV imports may name a partner by it.
  external_id text,
  contact_name text,
  contact_email text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX partners_external_id ON partners (org_id, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX partners_name ON partners (org_id, lower(name));

-- Nullable columns without defaults: adding them rewrites nothing. Partial indexes, so rows without a partner
-- (most of them) cost ingestion nothing extra.
ALTER TABLE interactions ADD COLUMN partner_id uuid;
ALTER TABLE interactions ADD FOREIGN KEY (org_id, partner_id) REFERENCES partners(org_id, id);
CREATE INDEX interactions_partner ON interactions (org_id, partner_id, occurred_at) WHERE partner_id IS NOT NULL;

ALTER TABLE responses ADD COLUMN partner_id uuid;
ALTER TABLE responses ADD FOREIGN KEY (org_id, partner_id) REFERENCES partners(org_id, id);
CREATE INDEX responses_partner ON responses (org_id, partner_id, submitted_at) WHERE partner_id IS NOT NULL;

-- A partner key acts for exactly one partner; only partner keys may name one.
ALTER TABLE api_keys ADD COLUMN partner_id uuid;
ALTER TABLE api_keys ADD FOREIGN KEY (org_id, partner_id) REFERENCES partners(org_id, id);
ALTER TABLE api_keys ADD CHECK (partner_id IS NULL OR role = 'partner');

-- Ideas a partner filed (through its key or a share link), so the board can mark them and the partner list its own.
ALTER TABLE ideas ADD COLUMN partner_id uuid;
ALTER TABLE ideas ADD FOREIGN KEY (org_id, partner_id) REFERENCES partners(org_id, id);
CREATE INDEX ideas_partner ON ideas (org_id, partner_id, created_at) WHERE partner_id IS NOT NULL;

CREATE TABLE partner_share_links (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  partner_id uuid NOT NULL,
  -- sha256 of the 256-bit URL token; the token itself is shown once, at creation.
  token_hash text NOT NULL,
  -- argon2id of the passcode (people choose it, so it gets the slow hash).
  passcode_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text,
  revoked_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, partner_id) REFERENCES partners(org_id, id)
);
-- The public page finds a link by its token before the organisation is known. Unique with org_id (token first,
-- so the look-up still uses it) as Citus needs; tokens are 256 random bits, so they never meet across organisations.
CREATE UNIQUE INDEX partner_share_links_token ON partner_share_links (token_hash, org_id);
CREATE INDEX partner_share_links_partner ON partner_share_links (org_id, partner_id, created_at);

-- A successful unlock: a short-lived session bound to its one link.
CREATE TABLE partner_link_sessions (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  link_id uuid NOT NULL,
  token_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, link_id) REFERENCES partner_share_links(org_id, id)
);
CREATE UNIQUE INDEX partner_link_sessions_token ON partner_link_sessions (token_hash, org_id);

-- Every passcode attempt and report view, with time and address. Failed attempts in the last 15 minutes are the
-- unlock throttle, so it holds across processes and restarts; an attempt is written as 'failed' before the
-- passcode is checked and turned into 'unlocked' when it was right.
CREATE TABLE partner_link_log (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  link_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('failed', 'unlocked', 'viewed')),
  at timestamptz NOT NULL,
  ip text,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, link_id) REFERENCES partner_share_links(org_id, id)
);
CREATE INDEX partner_link_log_link ON partner_link_log (org_id, link_id, kind, at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['partners', 'partner_share_links', 'partner_link_sessions', 'partner_link_log'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE ON partners, partner_share_links, partner_link_sessions, partner_link_log TO lodestar_app;
-- Partners, links, sessions and the log are history: links are revoked and sessions expire, nothing is deleted.
REVOKE DELETE ON partners, partner_share_links, partner_link_sessions, partner_link_log FROM lodestar_app;
