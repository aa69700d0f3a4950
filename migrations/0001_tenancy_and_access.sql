-- Tenancy: the unprivileged role the app runs as, the organisation setting that
-- row-level security reads, and the organisation, people and access tables.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lodestar_app') THEN
    CREATE ROLE lodestar_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another database on the same server created it at the same moment
END
$$;

-- Lets a non-superuser migrator (a managed PostgreSQL) switch to the app role.
DO $$
BEGIN
  EXECUTE format('GRANT lodestar_app TO %I', current_user);
EXCEPTION WHEN others THEN
  NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO lodestar_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO lodestar_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO lodestar_app;

-- The organisation of the current transaction (set by the app per transaction); NULL when unset.
CREATE OR REPLACE FUNCTION app_org_id() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  name_en text,
  time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
  default_locale text NOT NULL DEFAULT 'zh-CN',
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organisations USING (id = app_org_id()) WITH CHECK (id = app_org_id());

CREATE TABLE units (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  parent_id uuid,
  name text NOT NULL,
  name_en text,
  kind text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, parent_id) REFERENCES units(org_id, id)
);
CREATE INDEX units_parent ON units (org_id, parent_id);

CREATE TABLE positions (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  name_en text,
  compensation_limit numeric(12, 2) NOT NULL DEFAULT 0 CHECK (compensation_limit >= 0),
  currency text NOT NULL DEFAULT 'CNY',
  compensation_types text[] NOT NULL DEFAULT '{}',
  exemption_allowed boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

CREATE TABLE employees (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  email text,
  unit_id uuid NOT NULL,
  position_id uuid NOT NULL,
  manager_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id),
  FOREIGN KEY (org_id, position_id) REFERENCES positions(org_id, id),
  FOREIGN KEY (org_id, manager_id) REFERENCES employees(org_id, id)
);
CREATE INDEX employees_unit ON employees (org_id, unit_id);
CREATE UNIQUE INDEX employees_email ON employees (org_id, lower(email)) WHERE email IS NOT NULL;

CREATE TABLE users (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  email text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'manager', 'employee', 'partner')),
  employee_id uuid,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id)
);
CREATE UNIQUE INDEX users_email ON users (org_id, lower(email));

CREATE TABLE sessions (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  ip text,
  user_agent text,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
);

CREATE TABLE api_keys (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'manager', 'employee', 'partner')),
  employee_id uuid,
  key_hash text NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id)
);
-- Keys are looked up by id before the organisation is known.
CREATE UNIQUE INDEX api_keys_id ON api_keys (id);

CREATE TABLE audit_log (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  at timestamptz NOT NULL,
  actor_type text NOT NULL,
  actor_id text,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX audit_log_entity ON audit_log (org_id, entity_type, entity_id);

-- Append-only, even for a superuser's session.
CREATE OR REPLACE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION forbid_change();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['units', 'positions', 'employees', 'users', 'sessions', 'api_keys', 'audit_log'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

-- The default privileges above gave the app role every table; the audit log only grows.
REVOKE UPDATE, DELETE ON audit_log FROM lodestar_app;
