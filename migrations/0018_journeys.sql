-- Customer journeys: stages of touchpoints, each classed as a moment that matters or routine, with targets per class.
-- Stages and targets are one JSON document each: a journey is read and edited whole (the map, the editor), is
-- small (at most 12 stages of 20 touchpoints), and nothing joins on its parts; the service validates their shape.

CREATE TABLE journeys (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  -- [{key, name: {"zh-CN", en}, touchpoints: [{touchpoint, kind: "moment"|"routine"}]}]
  stages jsonb NOT NULL CHECK (jsonb_typeof(stages) = 'array'),
  -- {moment: {nps, sentiment}, routine: {ces, resolutionMinutes, repeatContactRate}}
  targets jsonb NOT NULL CHECK (jsonb_typeof(targets) = 'object'),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX journeys_created ON journeys (org_id, created_at, id);

ALTER TABLE journeys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON journeys USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON journeys TO lodestar_app;
