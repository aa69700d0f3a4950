-- Chat robots (WeCom, DingTalk and Feishu group robots, Slack incoming webhooks) are webhook endpoints
-- with another wire format: they share the delivery rows, the attempt log, the retry job, the write-only
-- secret and the SSRF guard of modules/webhooks. What differs is kept here: the format, the unit whose
-- subtree a robot listens to (NULL = the whole organisation) and the language its messages are written in.
ALTER TABLE webhook_endpoints
  ADD COLUMN format text NOT NULL DEFAULT 'standard' CHECK (format IN ('standard', 'wecom', 'dingtalk', 'feishu', 'slack')),
  ADD COLUMN unit_id uuid,
  ADD COLUMN language text NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en')),
  ADD CONSTRAINT webhook_endpoints_unit FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id);
-- The fan-outs pick endpoints by format (standard webhooks vs robots) for each event.
CREATE INDEX webhook_endpoints_format ON webhook_endpoints (org_id, format, created_at, id);

-- A robot's URL carries its access token (WeCom key=, DingTalk access_token=, the Feishu and Slack path):
-- whoever holds it can post into the staff group. So it is kept write-only beside the signing secret,
-- and webhook_endpoints.url holds only a masked form for admins to recognise it. NULL for standard webhooks.
ALTER TABLE webhook_secrets ADD COLUMN url text;

-- Robot secrets are chosen by the chat platform and may be replaced by an admin: the app may overwrite
-- the secret and URL of a row it names, still never read them (column privileges: only the key is readable).
GRANT SELECT (org_id, endpoint_id), UPDATE (secret, url) ON webhook_secrets TO lodestar_app;
