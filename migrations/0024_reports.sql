-- Monthly experience review subscriptions (C10): who gets the review e-mailed on the 1st, in which language.
-- A subscription names a user, not just an address, because the review is rendered with that user's role and
-- data scope (a manager's review covers their subtree), never with the scope of whoever subscribed them.

CREATE TABLE report_subscriptions (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  lang text NOT NULL CHECK (lang IN ('zh-CN', 'en')),
  created_by uuid,
  created_at timestamptz NOT NULL,
  -- The last month whose review was e-mailed (YYYY-MM), and the last failure's SMTP reply.
  last_sent_month text CHECK (last_sent_month ~ '^\d{4}-\d{2}$'),
  last_sent_at timestamptz,
  last_error text,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
);
CREATE UNIQUE INDEX report_subscriptions_user ON report_subscriptions (org_id, user_id);

ALTER TABLE report_subscriptions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON report_subscriptions USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON report_subscriptions TO lodestar_app;
