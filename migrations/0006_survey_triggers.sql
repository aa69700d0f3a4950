-- Transactional survey triggers: when an interaction is recorded (API, batch or
-- CSV import), a matching trigger issues a personal link for its customer and
-- queues the invitation, unless the contact-fatigue rule says the customer was
-- asked too recently. Counters show an admin what each trigger did.

CREATE TABLE survey_triggers (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  survey_id uuid NOT NULL,
  -- NULL matches any interaction type / touchpoint.
  interaction_type text,
  touchpoint text,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  -- The invitation's language when the customer has no `lang` attribute.
  lang text NOT NULL DEFAULT 'zh-CN' CHECK (lang IN ('zh-CN', 'en')),
  enabled boolean NOT NULL DEFAULT true,
  -- The organisation's newest outbox event when the trigger was made: only later interactions invite.
  after_event_id bigint NOT NULL DEFAULT 0,
  invited int NOT NULL DEFAULT 0,
  skipped_fatigue int NOT NULL DEFAULT 0,
  skipped_no_contact int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, survey_id) REFERENCES surveys(org_id, id)
);
CREATE INDEX survey_triggers_enabled ON survey_triggers (org_id, created_at) WHERE enabled;

-- An invitation names the address it went to, so the sender needs no join and the log shows it.
ALTER TABLE outbox_messages ADD COLUMN recipient text;
ALTER TABLE outbox_messages ADD COLUMN attempts int NOT NULL DEFAULT 0;
ALTER TABLE outbox_messages ADD COLUMN last_error text;
CREATE INDEX outbox_messages_queued ON outbox_messages (org_id, id) WHERE status = 'queued';

ALTER TABLE survey_triggers ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON survey_triggers USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
