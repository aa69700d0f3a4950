-- Identity (single sign-on and provisioning): each organisation's OIDC and SAML connections, its SSO policy
-- with break-glass admins, the short-lived state of logins under way, replay protection for SAML assertions,
-- and the SCIM provisioning token and the users SCIM manages.
--
-- Everything a login in progress needs lives here rather than in a process's memory, so a login started on
-- one server node can finish on another.

-- One row per organisation and protocol. `settings` holds what is not secret (issuer, client id, claim names,
-- IdP certificate, default role, default unit and position); the OIDC client secret lives in sso_secrets.
CREATE TABLE sso_connections (
  org_id uuid NOT NULL REFERENCES organisations(id),
  protocol text NOT NULL CHECK (protocol IN ('oidc', 'saml')),
  enabled boolean NOT NULL DEFAULT true,
  settings jsonb NOT NULL CHECK (jsonb_typeof(settings) = 'object'),
  updated_at timestamptz NOT NULL,
  updated_by uuid,
  PRIMARY KEY (org_id, protocol)
);

-- The e-mail domains whose people the login page sends to this organisation's SSO. A domain belongs to one
-- organisation at most, so the public look-up can never answer with someone else's identity provider.
CREATE TABLE sso_domains (
  org_id uuid NOT NULL REFERENCES organisations(id),
  domain text NOT NULL CHECK (domain = lower(domain) AND domain ~ '^[a-z0-9.-]+\.[a-z]{2,}$'),
  PRIMARY KEY (org_id, domain)
);
CREATE UNIQUE INDEX sso_domains_domain ON sso_domains (domain);
-- Global on purpose: the login page looks a domain up before it knows the tenant, and the uniqueness above is what
-- keeps one domain from pointing at two organisations, which a per-shard index could not promise.
COMMENT ON TABLE sso_domains IS 'citus:reference: e-mail domain to organisation, looked up before the tenant is known';

-- The OIDC client secret, AES-256-GCM encrypted with the server's key (LODESTAR_SECRET_KEY). The app role may
-- write it but never read it back; only the login flow reads it, in a system transaction.
CREATE TABLE sso_secrets (
  org_id uuid NOT NULL REFERENCES organisations(id),
  protocol text NOT NULL,
  ciphertext text NOT NULL,
  PRIMARY KEY (org_id, protocol),
  FOREIGN KEY (org_id, protocol) REFERENCES sso_connections(org_id, protocol) ON DELETE CASCADE
);

CREATE TABLE sso_policies (
  org_id uuid NOT NULL REFERENCES organisations(id),
  -- true: password login is refused to everyone but the break-glass admins below.
  require_sso boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL,
  updated_by uuid,
  PRIMARY KEY (org_id)
);

CREATE TABLE sso_break_glass_users (
  org_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL,
  PRIMARY KEY (org_id, user_id),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
);

-- A login under way, from the redirect to the identity provider to its answer: found by the sha256 of the
-- `state` (OIDC) or `RelayState` (SAML) it carries, deleted when used (single use) or by the hourly job once
-- expired. `browser_hash` is the sha256 of a cookie set at the start, so only the browser that began the
-- login can finish it.
CREATE TABLE sso_login_states (
  org_id uuid NOT NULL REFERENCES organisations(id),
  state_hash text NOT NULL,
  protocol text NOT NULL CHECK (protocol IN ('oidc', 'saml')),
  -- OIDC: nonce and PKCE verifier; SAML: the AuthnRequest id the answer must be InResponseTo.
  nonce text,
  code_verifier text,
  request_id text,
  browser_hash text,
  redirect_uri text NOT NULL,
  return_to text NOT NULL DEFAULT '/',
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, state_hash)
);
CREATE INDEX sso_login_states_expiry ON sso_login_states (expires_at);

-- SAML assertion ids already used, kept until the assertion would have expired anyway: a replay is refused.
CREATE TABLE sso_saml_assertions (
  org_id uuid NOT NULL REFERENCES organisations(id),
  assertion_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, assertion_id)
);
CREATE INDEX sso_saml_assertions_expiry ON sso_saml_assertions (expires_at);

-- Sessions opened by single sign-on, for logout at the identity provider (the ID token, encrypted, is the
-- hint most providers require). Deleted with their session.
CREATE TABLE sso_sessions (
  org_id uuid NOT NULL REFERENCES organisations(id),
  session_id uuid NOT NULL,
  protocol text NOT NULL CHECK (protocol IN ('oidc', 'saml')),
  id_token_ciphertext text,
  PRIMARY KEY (org_id, session_id),
  FOREIGN KEY (org_id, session_id) REFERENCES sessions(org_id, id) ON DELETE CASCADE
);

-- The organisation's SCIM bearer token (only its sha256; shown once, replaced on rotation) and what a
-- provisioned user gets when the identity provider does not say.
CREATE TABLE scim_settings (
  org_id uuid NOT NULL REFERENCES organisations(id),
  token_hash text,
  token_issued_at timestamptz,
  default_role text NOT NULL DEFAULT 'employee' CHECK (default_role IN ('admin', 'manager', 'employee', 'partner')),
  default_unit_id uuid,
  default_position_id uuid,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id),
  FOREIGN KEY (org_id, default_unit_id) REFERENCES units(org_id, id),
  FOREIGN KEY (org_id, default_position_id) REFERENCES positions(org_id, id)
);
-- The token is looked up before the organisation is known.
CREATE UNIQUE INDEX scim_settings_token ON scim_settings (token_hash, org_id) WHERE token_hash IS NOT NULL;

-- A user as SCIM sees it: the identity provider's id for them and the attributes it sent that Lodestar keeps
-- nowhere else. `deleted_at`: removed by SCIM (the user is disabled; SCIM then answers 404 for them).
CREATE TABLE scim_users (
  org_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL,
  external_id text,
  given_name text,
  family_name text,
  display_name text,
  title text,
  department text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  deleted_at timestamptz,
  PRIMARY KEY (org_id, user_id),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
);
CREATE INDEX scim_users_external ON scim_users (org_id, external_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['sso_connections', 'sso_domains', 'sso_secrets', 'sso_policies', 'sso_break_glass_users',
                           'sso_login_states', 'sso_saml_assertions', 'sso_sessions', 'scim_settings', 'scim_users'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON sso_connections, sso_domains, sso_policies, sso_break_glass_users,
  sso_login_states, sso_saml_assertions, scim_settings, scim_users TO lodestar_app;
-- Write-only for the app: the encrypted secrets (client secret, ID tokens) are read only by the login and
-- logout flows in system transactions.
REVOKE ALL ON sso_secrets, sso_sessions FROM lodestar_app;
GRANT INSERT, DELETE ON sso_secrets, sso_sessions TO lodestar_app;
GRANT SELECT (org_id, protocol), UPDATE (ciphertext) ON sso_secrets TO lodestar_app;
GRANT SELECT (org_id, session_id, protocol) ON sso_sessions TO lodestar_app;
