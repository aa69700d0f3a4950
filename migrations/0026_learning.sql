-- Capability building (issue 15, frontline): a catalogue of learning items in three layers, assignments by
-- position, unit or person, and completion records (declared by the employee or confirmed by a trainer or manager).
--
-- Assignments are rules, not copies: who an assignment reaches is worked out when it is read (everyone now holding
-- the position, everyone now in the unit's subtree), so a person who joins later is assigned without a new row and
-- one who moves away drops out; their completions stay.

CREATE TABLE learning_items (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  layer text NOT NULL CHECK (layer IN ('all_staff', 'specialist', 'manager')),
  format text NOT NULL CHECK (format IN ('course', 'workshop', 'role_play', 'reading', 'coaching', 'e_learning')),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  description_zh text NOT NULL DEFAULT '',
  description_en text NOT NULL DEFAULT '',
  duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 5 AND 14400),
  -- The trainer: runs the item and may confirm anyone's completion of it.
  owner_id uuid NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES employees(org_id, id)
);
CREATE INDEX learning_items_owner ON learning_items (org_id, owner_id);

CREATE TABLE learning_assignments (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  item_id uuid NOT NULL,
  -- Position and unit together mean "holders of the position within the unit's subtree"; a person stands alone.
  position_id uuid,
  unit_id uuid,
  employee_id uuid,
  due_on date,
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'reward')),
  -- The approved redemption of a training place that enrolled the person.
  redemption_id uuid,
  created_at timestamptz NOT NULL,
  created_by text,
  PRIMARY KEY (org_id, id),
  CHECK (CASE WHEN employee_id IS NULL THEN position_id IS NOT NULL OR unit_id IS NOT NULL ELSE position_id IS NULL AND unit_id IS NULL END),
  CHECK (source = 'manual' OR (employee_id IS NOT NULL AND redemption_id IS NOT NULL)),
  FOREIGN KEY (org_id, item_id) REFERENCES learning_items(org_id, id),
  FOREIGN KEY (org_id, position_id) REFERENCES positions(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, redemption_id) REFERENCES redemptions(org_id, id)
);
-- One assignment per item and target (NULLs compared as equal, which a plain unique constraint would not do).
CREATE UNIQUE INDEX learning_assignments_target ON learning_assignments (
  org_id, item_id,
  coalesce(position_id, '00000000-0000-0000-0000-000000000000'::uuid),
  coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid),
  coalesce(employee_id, '00000000-0000-0000-0000-000000000000'::uuid)
);

CREATE TABLE learning_completions (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  item_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('declared', 'confirmed')),
  self_declared boolean NOT NULL,
  evidence text,
  completed_on date NOT NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by text,
  confirmed_at timestamptz,
  confirmed_by text,
  confirmed_by_employee_id uuid,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, item_id, employee_id),
  CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL)),
  FOREIGN KEY (org_id, item_id) REFERENCES learning_items(org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, confirmed_by_employee_id) REFERENCES employees(org_id, id)
);
CREATE INDEX learning_completions_employee ON learning_completions (org_id, employee_id);
CREATE INDEX learning_completions_recorded ON learning_completions (org_id, recorded_at, id);

-- A reward in the recognition catalogue may be a place on a learning item; approving its redemption enrols the person.
ALTER TABLE rewards ADD COLUMN learning_item_id uuid;
ALTER TABLE rewards ADD FOREIGN KEY (org_id, learning_item_id) REFERENCES learning_items(org_id, id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['learning_items', 'learning_assignments', 'learning_completions'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

-- Items are retired, never deleted (completions point at them); an assignment is withdrawn by deleting it, never
-- edited; a completion is confirmed in place and never deleted.
GRANT SELECT, INSERT, UPDATE ON learning_items TO lodestar_app;
GRANT SELECT, INSERT, DELETE ON learning_assignments TO lodestar_app;
GRANT SELECT, INSERT, UPDATE ON learning_completions TO lodestar_app;
REVOKE DELETE ON learning_items, learning_completions FROM lodestar_app;
REVOKE UPDATE ON learning_assignments FROM lodestar_app;
