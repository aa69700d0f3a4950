-- Alert rules now run in the transaction that writes responses: a per-rule counter row would make every
-- ingest group that opens a case wait for the others. The count is read from the cases instead
-- (cases_rule_response indexes it).
ALTER TABLE alert_rules DROP COLUMN cases_opened;
