-- Text analytics that learns from each organisation: an admin's corrections of comment labels, and the
-- organisation's sentiment adapter (a small correction over the shared model, trained nightly on the
-- organisation's own labelled comments and used only when it beats the shared model on held-out ones).

-- An admin's verdict on one analysed comment. It outranks the label the scores beside the comment suggest,
-- is shown at once (text_analyses.sentiment is updated with it) and trains the adapter; a neutral verdict is
-- kept and shown but not used for training (the adapter learns positive against negative).
CREATE TABLE text_label_corrections (
  org_id uuid NOT NULL REFERENCES organisations(id),
  response_id uuid NOT NULL,
  label text NOT NULL CHECK (label IN ('positive', 'neutral', 'negative')),
  -- Who corrected it, as the audit log records actors.
  corrected_by_type text NOT NULL CHECK (corrected_by_type IN ('user', 'api_key')),
  corrected_by text NOT NULL,
  corrected_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, response_id),
  FOREIGN KEY (org_id, response_id) REFERENCES text_analyses(org_id, response_id)
);

-- The organisation's adapter from its latest training, whether or not it won: the settings page shows the
-- figures either way. Δw is sparse (only the hashed feature buckets the organisation's comments touched),
-- as parallel little-endian arrays: uint32 bucket indices and float32 weights.
CREATE TABLE text_adapters (
  org_id uuid NOT NULL REFERENCES organisations(id),
  a double precision NOT NULL,
  b double precision NOT NULL,
  feature_bits smallint NOT NULL,
  indices bytea NOT NULL,
  weights bytea NOT NULL CHECK (length(weights) = length(indices)),
  -- The shared model it was fitted over; a retrained shared model sets it aside until the next training.
  shared_fingerprint text NOT NULL,
  -- Whether it beat the shared model on the held-out comments by the required margin.
  is_active boolean NOT NULL,
  labelled int NOT NULL CHECK (labelled >= 0),
  corrections int NOT NULL CHECK (corrections >= 0),
  train_n int NOT NULL CHECK (train_n >= 0),
  heldout_n int NOT NULL CHECK (heldout_n >= 0),
  shared_accuracy real NOT NULL,
  adapter_accuracy real NOT NULL,
  shared_by_sign real NOT NULL,
  adapter_by_sign real NOT NULL,
  adapter_only_right int NOT NULL,
  shared_only_right int NOT NULL,
  trained_by text NOT NULL CHECK (trained_by IN ('nightly', 'admin')),
  trained_at timestamptz NOT NULL,
  PRIMARY KEY (org_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['text_label_corrections', 'text_adapters'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON text_label_corrections, text_adapters TO lodestar_app;
