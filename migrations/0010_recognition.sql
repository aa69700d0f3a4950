-- Recognition and rituals (C7) and the idea board (C8): points rules, the
-- append-only points ledger and the balances it sums to, customer praise and
-- its daily highlight, the reward catalogue and redemptions, ideas with votes,
-- comments and challenges, awards (Golden Ear), thank-you cards to fan
-- customers and promotion criteria.

-- One row per organisation once an admin changes a default; a missing row means the defaults.
-- `rules` is the API's points rules object ({praise, ideaAccepted, majorCaseResolved, manualMonthlyCap, …}).
CREATE TABLE points_rules (
  org_id uuid NOT NULL REFERENCES organisations(id),
  rules jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id)
);

-- Every change of a balance, never updated or deleted: a correction is a new,
-- reversing entry (source_type 'reversal', source_id the reversed entry's id).
-- One entry per source: an event delivered twice, or a second handler run,
-- meets the unique index and awards nothing.
CREATE TABLE points_ledger (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  employee_id uuid NOT NULL,
  delta int NOT NULL CHECK (delta <> 0 AND delta BETWEEN -1000000 AND 1000000),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  source_type text NOT NULL CHECK (source_type IN ('praise', 'idea_accepted', 'case_resolved', 'manual', 'reversal', 'redemption', 'redemption_refund')),
  source_id text NOT NULL,
  -- Who gave a manual award (actor id); NULL for automatic awards.
  awarded_by text,
  awarded_by_employee_id uuid,
  at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, awarded_by_employee_id) REFERENCES employees(org_id, id)
);
CREATE UNIQUE INDEX points_ledger_source ON points_ledger (org_id, source_type, source_id);
CREATE INDEX points_ledger_employee ON points_ledger (org_id, employee_id, at, id);
CREATE INDEX points_ledger_at ON points_ledger (org_id, at, id);
-- The monthly cap counts a giver's manual awards.
CREATE INDEX points_ledger_giver ON points_ledger (org_id, awarded_by, at) WHERE source_type = 'manual';

-- The sum of an employee's ledger entries, kept in the same transaction as each entry
-- (and row-locked by it, so a redemption's balance check cannot race another debit).
CREATE TABLE points_balances (
  org_id uuid NOT NULL REFERENCES organisations(id),
  employee_id uuid NOT NULL,
  balance int NOT NULL,
  earned int NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, employee_id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id)
);

-- A response recognised as customer praise (one row per response), shown on the praise wall.
CREATE TABLE praise (
  org_id uuid NOT NULL REFERENCES organisations(id),
  response_id uuid NOT NULL,
  employee_id uuid,
  unit_id uuid,
  customer_id uuid,
  touchpoint text,
  -- The comment with personal data masked (from text analytics).
  text text NOT NULL,
  nps smallint,
  csat smallint,
  sentiment_score real NOT NULL,
  likes int NOT NULL DEFAULT 0,
  submitted_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, response_id),
  FOREIGN KEY (org_id, response_id) REFERENCES responses(org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id)
);
CREATE INDEX praise_submitted ON praise (org_id, submitted_at, response_id);
CREATE INDEX praise_employee ON praise (org_id, employee_id, submitted_at);
CREATE INDEX praise_customer ON praise (org_id, customer_id, submitted_at);

-- One like per person (user or API key) per praise.
CREATE TABLE praise_likes (
  org_id uuid NOT NULL REFERENCES organisations(id),
  response_id uuid NOT NULL,
  liker_id text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, response_id, liker_id),
  FOREIGN KEY (org_id, response_id) REFERENCES praise(org_id, response_id)
);

-- "Yesterday's most touching praise": chosen once per local day by a job.
CREATE TABLE praise_highlights (
  org_id uuid NOT NULL REFERENCES organisations(id),
  day date NOT NULL,
  response_id uuid NOT NULL,
  score real NOT NULL,
  chosen_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, day),
  FOREIGN KEY (org_id, response_id) REFERENCES praise(org_id, response_id)
);

CREATE TABLE rewards (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  name_en text NOT NULL,
  description text NOT NULL DEFAULT '',
  description_en text NOT NULL DEFAULT '',
  kind text NOT NULL CHECK (kind IN ('leave', 'training', 'innovation_fund', 'gift', 'other')),
  cost int NOT NULL CHECK (cost BETWEEN 1 AND 1000000),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);

-- The points are debited when the request is made (so a balance cannot be spent
-- twice) and refunded by a reversing entry when a manager rejects it.
CREATE TABLE redemptions (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  reward_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  cost int NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  note text,
  requested_at timestamptz NOT NULL,
  decided_at timestamptz,
  decided_by text,
  decided_by_employee_id uuid,
  decision_note text,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, reward_id) REFERENCES rewards(org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, decided_by_employee_id) REFERENCES employees(org_id, id)
);
CREATE INDEX redemptions_employee ON redemptions (org_id, employee_id, requested_at);
CREATE INDEX redemptions_status ON redemptions (org_id, status, requested_at);

-- Co-creation challenges (design-thinking sprints): a theme and a deadline.
CREATE TABLE idea_challenges (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  theme text NOT NULL,
  description text NOT NULL DEFAULT '',
  deadline timestamptz NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);

CREATE TABLE ideas (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('open', 'under_review', 'accepted', 'in_progress', 'implemented', 'declined', 'duplicate')),
  -- The author: an employee, or a partner (an account without an employee).
  author_kind text NOT NULL CHECK (author_kind IN ('employee', 'partner')),
  author_actor_id text NOT NULL,
  author_employee_id uuid,
  challenge_id uuid,
  response_id uuid,
  case_id uuid,
  duplicate_of uuid,
  votes int NOT NULL DEFAULT 0,
  comments int NOT NULL DEFAULT 0,
  accepted_at timestamptz,
  implemented_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, author_employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, challenge_id) REFERENCES idea_challenges(org_id, id),
  FOREIGN KEY (org_id, response_id) REFERENCES responses(org_id, id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id),
  FOREIGN KEY (org_id, duplicate_of) REFERENCES ideas(org_id, id)
);
CREATE INDEX ideas_created ON ideas (org_id, created_at, id);
CREATE INDEX ideas_author ON ideas (org_id, author_employee_id, status);
CREATE INDEX ideas_challenge ON ideas (org_id, challenge_id);

-- One vote per person (user or API key) per idea.
CREATE TABLE idea_votes (
  org_id uuid NOT NULL REFERENCES organisations(id),
  idea_id uuid NOT NULL,
  voter_id text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, idea_id, voter_id),
  FOREIGN KEY (org_id, idea_id) REFERENCES ideas(org_id, id)
);

CREATE TABLE idea_comments (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  idea_id uuid NOT NULL,
  author_actor_id text NOT NULL,
  author_employee_id uuid,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, idea_id) REFERENCES ideas(org_id, id),
  FOREIGN KEY (org_id, author_employee_id) REFERENCES employees(org_id, id)
);
CREATE INDEX idea_comments_idea ON idea_comments (org_id, idea_id, created_at);

-- Rituals: the monthly Golden Ear (one per period) and annual team awards.
CREATE TABLE awards (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('golden_ear', 'team')),
  period text NOT NULL,
  employee_id uuid,
  unit_id uuid,
  -- Why: the rule and the figures it compared.
  reason jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, employee_id) REFERENCES employees(org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units(org_id, id)
);
CREATE UNIQUE INDEX awards_golden_ear_period ON awards (org_id, period) WHERE kind = 'golden_ear';
CREATE UNIQUE INDEX awards_team_period ON awards (org_id, period, unit_id) WHERE kind = 'team';

-- A hand-written thank-you card sent to a fan customer.
CREATE TABLE thank_you_cards (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id uuid NOT NULL,
  sent_by text NOT NULL,
  sent_by_employee_id uuid,
  note text,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id),
  FOREIGN KEY (org_id, sent_by_employee_id) REFERENCES employees(org_id, id)
);
CREATE INDEX thank_you_cards_customer ON thank_you_cards (org_id, customer_id, sent_at);

-- What an employee needs to be a candidate for a position (e.g. store manager).
CREATE TABLE promotion_criteria (
  org_id uuid NOT NULL REFERENCES organisations(id),
  position_id uuid NOT NULL,
  min_implemented_ideas int NOT NULL DEFAULT 0 CHECK (min_implemented_ideas BETWEEN 0 AND 1000),
  min_nps real CHECK (min_nps BETWEEN -100 AND 100),
  min_responses int NOT NULL DEFAULT 0 CHECK (min_responses BETWEEN 0 AND 100000),
  min_praise int NOT NULL DEFAULT 0 CHECK (min_praise BETWEEN 0 AND 100000),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, position_id),
  FOREIGN KEY (org_id, position_id) REFERENCES positions(org_id, id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['points_rules', 'points_ledger', 'points_balances', 'praise', 'praise_likes', 'praise_highlights', 'rewards',
                           'redemptions', 'idea_challenges', 'ideas', 'idea_votes', 'idea_comments', 'awards', 'thank_you_cards',
                           'promotion_criteria'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON points_rules, points_ledger, points_balances, praise, praise_likes, praise_highlights, rewards,
  redemptions, idea_challenges, ideas, idea_votes, idea_comments, awards, thank_you_cards, promotion_criteria TO lodestar_app;

-- The ledger only grows, even for a superuser's session: corrections are reversing entries.
CREATE OR REPLACE FUNCTION forbid_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'points_ledger is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER points_ledger_append_only BEFORE UPDATE OR DELETE ON points_ledger FOR EACH ROW EXECUTE FUNCTION forbid_ledger_change();
REVOKE UPDATE, DELETE ON points_ledger FROM lodestar_app;
