-- Per-district analytics settings: the small-cell suppression threshold for special-group
-- aggregates (never below 3) and the workload-index weights (per unit: one household, one
-- person, one incident, one required visit, one person of each special-group category).
-- A district without a row uses the defaults below (the API reads through coalesce).

CREATE TABLE analytics_settings (
  district_code char(6) PRIMARY KEY REFERENCES districts (district_code),
  suppression_threshold integer NOT NULL DEFAULT 5 CHECK (suppression_threshold >= 3),
  workload_weights jsonb NOT NULL DEFAULT '{
    "households": 1, "persons": 0.2, "incidents": 0.5, "visits": 1,
    "special": {"elderly_alone": 2, "disabled": 1.5, "low_income": 1, "veteran": 0.5, "released_prisoner": 3,
      "community_correction": 3, "drug_user": 3, "mental_illness": 3, "petitioner": 2}
  }'::jsonb CHECK (jsonb_typeof(workload_weights) = 'object'),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);

-- "Not patrolled in N days" and coverage periods filter tracks by when they ended.
CREATE INDEX patrol_tracks_district_ended_idx ON patrol_tracks (district_code, ended_at);
