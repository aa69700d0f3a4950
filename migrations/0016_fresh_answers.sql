-- Alert rules act on fresh answers only: a response submitted more than max_age_hours before it
-- reached Lodestar (a history import, a late batch) never opens a case, notifies or escalates.
ALTER TABLE alert_rules
  ADD COLUMN max_age_hours int NOT NULL DEFAULT 72 CHECK (max_age_hours BETWEEN 1 AND 8760);
