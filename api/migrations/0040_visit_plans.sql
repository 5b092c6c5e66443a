-- Household visits (入户走访, issue 18): a visit plan per district (category → cadence, as data
-- an admin edits), and recorded visits that workers enter, correct and withdraw.

-- A district's own cadences. Categories without a row here follow the defaults: the
-- special-group cadences of 0035 and, for ordinary households, the Panzhihua rule
-- "普通家庭每年必访".
CREATE TABLE visit_plans (
  district_code char(6) NOT NULL REFERENCES districts (district_code),
  category text NOT NULL CHECK (category IN ('household', 'elderly_alone', 'disabled', 'low_income', 'veteran',
    'released_prisoner', 'community_correction', 'drug_user', 'mental_illness', 'petitioner')),
  cadence text NOT NULL CHECK (cadence IN ('monthly', 'quarterly', 'yearly')),
  source text NOT NULL,
  updated_by bigint,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, category)
);

-- The cadence in force per district and category: the district's plan, else the default.
-- The dashboard and the per-grid figures both read this, so they cannot disagree.
CREATE VIEW district_visit_cadences AS
SELECT d.district_code, k.category, coalesce(p.cadence, k.cadence) AS cadence, coalesce(p.source, k.source) AS source,
  p.category IS NOT NULL AS planned, p.updated_at
FROM districts d
CROSS JOIN (
  SELECT category, cadence, source FROM special_group_visit_cadences
  UNION ALL SELECT 'household', 'yearly', '攀枝花“三必访”：普通家庭每年必访'
) k
LEFT JOIN visit_plans p ON p.district_code = d.district_code AND p.category = k.category;

-- A grid worker's account names their staff row, so a recorded visit has its visitor. The
-- incident loop (0039) adds the same column; whichever runs first creates it.
ALTER TABLE users ADD COLUMN IF NOT EXISTS staff_id bigint;

-- Recorded visits. Generated demo visits have none of these (NULL category: made for no
-- named category). A correction bumps `version`; a withdrawn visit keeps its row (deleted_at,
-- who, why) and counts nowhere. `household` is the door label the worker writes ("3-201"),
-- never a name; visits naming the same label in a period count once.
ALTER TABLE visits
  ADD COLUMN category text CHECK (category IS NULL OR category IN ('household', 'elderly_alone', 'disabled', 'low_income',
    'veteran', 'released_prisoner', 'community_correction', 'drug_user', 'mental_illness', 'petitioner')),
  ADD COLUMN household text,
  ADD COLUMN note text,
  ADD COLUMN recorded_by bigint,
  ADD COLUMN recorded_at timestamptz,
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN deleted_at timestamptz,
  ADD COLUMN deleted_by bigint,
  ADD COLUMN delete_reason text,
  ADD CONSTRAINT visits_deleted_check CHECK ((deleted_at IS NULL) = (delete_reason IS NULL));
-- Due and done read a district's live visits by building and time.
CREATE INDEX visits_building_time_live_idx ON visits (district_code, building_id, visited_at) WHERE deleted_at IS NULL;

-- Permissions (issue 18): aggregates for leaders and analysts; records and recording for
-- grid workers; the plan for admins. Roles an admin changed otherwise are left as they are.
UPDATE roles SET permissions = permissions || '["visits.read"]'::jsonb
WHERE key IN ('admin', 'analyst', 'leader', 'worker') AND NOT permissions ? 'visits.read';
UPDATE roles SET permissions = permissions || '["visits.records"]'::jsonb
WHERE key IN ('admin', 'worker') AND NOT permissions ? 'visits.records';
UPDATE roles SET permissions = permissions || '["visits.record"]'::jsonb
WHERE key IN ('admin', 'worker') AND NOT permissions ? 'visits.record';
UPDATE roles SET permissions = permissions || '["visits.plan"]'::jsonb
WHERE key = 'admin' AND NOT permissions ? 'visits.plan';
