-- Operational data (O-data): customers, their interactions with the company
-- (transactions and service events with their outcomes) and light behavioural
-- events, so that feedback can be joined to who was served, where, by whom.

CREATE TABLE customers (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  external_id text,
  name text,
  email text,
  phone text,
  segment text,
  value numeric(14, 2) CHECK (value >= 0),
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
-- The integrator's own key: imports and the API upsert by it.
CREATE UNIQUE INDEX customers_external_id ON customers (org_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX customers_segment ON customers (org_id, segment);

-- Unit and employee are optional (an online order has no serving employee);
-- when they are set, composite keys keep them inside the same organisation.
CREATE TABLE interactions (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  external_id text,
  customer_id uuid NOT NULL,
  type text NOT NULL,
  channel text NOT NULL,
  touchpoint text NOT NULL,
  unit_id uuid,
  employee_id uuid,
  amount numeric(14, 2) CHECK (amount >= 0),
  occurred_at timestamptz NOT NULL,
  resolved_first_contact boolean,
  resolution_minutes int CHECK (resolution_minutes >= 0),
  converted boolean,
  churned boolean,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id)
);
CREATE UNIQUE INDEX interactions_external_id ON interactions (org_id, external_id) WHERE external_id IS NOT NULL;
-- id last: lists page by (occurred_at, id) descending.
CREATE INDEX interactions_occurred ON interactions (org_id, occurred_at, id);
CREATE INDEX interactions_employee ON interactions (org_id, employee_id, occurred_at);
CREATE INDEX interactions_unit ON interactions (org_id, unit_id, occurred_at);
CREATE INDEX interactions_customer ON interactions (org_id, customer_id);

-- Click-stream, call records and the like: many small rows, no outbox event each.
CREATE TABLE behaviour_events (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  customer_id uuid NOT NULL,
  name text NOT NULL,
  properties jsonb NOT NULL DEFAULT '{}',
  occurred_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id)
);
CREATE INDEX behaviour_events_customer ON behaviour_events (org_id, customer_id, occurred_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['customers', 'interactions', 'behaviour_events'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;
