-- Plan workflow and grid-code history.
-- Drafts' new grids carry provisional codes (community code + 'N' + two base-36 characters)
-- until their plan's first approval gives them final serials in reading order.
ALTER TABLE grids DROP CONSTRAINT grids_code_check;
ALTER TABLE grids ADD CONSTRAINT grids_code_check CHECK (code ~ '^\d{12}(\d{3}|N[0-9A-Z]{2})$');

-- Who moved a plan along draft → submitted → approved (or archived), and the warnings
-- (rule-size, gaps, cut buildings…) its last save was stored with.
ALTER TABLE plans
  ADD COLUMN submitted_at timestamptz,
  ADD COLUMN submitted_by text,
  ADD COLUMN approved_by text,
  ADD COLUMN archived_at timestamptz,
  ADD COLUMN status_note text,
  ADD COLUMN problems jsonb NOT NULL DEFAULT '[]'::jsonb;

-- A code is retired when an approved plan no longer has it; retired codes are never reused.
ALTER TABLE grid_codes
  ADD COLUMN retired_plan_id bigint,
  ADD FOREIGN KEY (district_code, retired_plan_id) REFERENCES plans (district_code, id);

-- Where each code issued on approval came from: the grids in force before that it took
-- area from (a split's parts name the split grid; a merge names every merged grid).
CREATE TABLE grid_code_lineage (
  district_code char(6) NOT NULL,
  code text NOT NULL,
  parent_code text NOT NULL,
  plan_id bigint NOT NULL,
  shared_m2 double precision NOT NULL,
  PRIMARY KEY (district_code, code, parent_code),
  FOREIGN KEY (district_code, code) REFERENCES grid_codes (district_code, code),
  FOREIGN KEY (district_code, parent_code) REFERENCES grid_codes (district_code, code),
  FOREIGN KEY (district_code, plan_id) REFERENCES plans (district_code, id)
);
CREATE INDEX grid_code_lineage_parent_idx ON grid_code_lineage (district_code, parent_code);

-- Gaps, overlaps and overhangs smaller than this area (m²) or thinner on average than this
-- width (m) are slivers the plan checks ignore: a setting of the district's rule profile.
ALTER TABLE rule_profiles
  ADD COLUMN sliver_m2 double precision NOT NULL DEFAULT 1 CHECK (sliver_m2 >= 0 AND sliver_m2 <= 1000),
  ADD COLUMN sliver_width_m double precision NOT NULL DEFAULT 0.5 CHECK (sliver_width_m >= 0 AND sliver_width_m <= 20);
