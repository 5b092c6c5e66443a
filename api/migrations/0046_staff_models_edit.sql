-- Staffing models edited in the app (issue 18), and proposals for zone roles.
--
-- Models: the built-in ones (n_plus_5, grid_ladder) belong to nobody and are read-only in the
-- app; a district admin copies one into their district (owner_district) and edits the copy.
-- Edits are versioned like plans and workers (a stale edit is a 409 naming who changed it).
ALTER TABLE staff_models
  ADD COLUMN owner_district char(6) REFERENCES districts (district_code),
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_by text,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX staff_models_owner_idx ON staff_models (owner_district);

-- A model's own names for a role (a renamed role); NULL keeps staff_roles' names, which other
-- models and districts share.
ALTER TABLE staff_model_roles
  ADD COLUMN zh text,
  ADD COLUMN en text;

-- Who chose the district's model and when (the choice is audited as well).
ALTER TABLE district_staff_models
  ADD COLUMN updated_by text,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Zone roles follow the lineage too: a 'zone' proposal names the zone of the successor grids, a
-- 'needs_zone' entry the successor grids that carry no zone (a planner groups them, or assigns
-- the worker by hand); 'grid' proposals are the grid roles' as before.
ALTER TABLE staff_assignment_proposals
  ALTER COLUMN grid_code DROP NOT NULL,
  ALTER COLUMN from_grid_code DROP NOT NULL,
  ADD COLUMN kind text NOT NULL DEFAULT 'grid' CHECK (kind IN ('grid', 'zone', 'needs_zone')),
  ADD COLUMN from_zone_code text,
  ADD COLUMN successor_grids text[] NOT NULL DEFAULT '{}',
  ADD CONSTRAINT staff_assignment_proposals_kind_fields CHECK (
    (kind = 'grid' AND grid_code IS NOT NULL AND from_grid_code IS NOT NULL)
    OR (kind = 'zone' AND grid_code IS NULL AND zone_code IS NOT NULL AND from_zone_code IS NOT NULL)
    OR (kind = 'needs_zone' AND grid_code IS NULL AND zone_code IS NULL AND from_zone_code IS NOT NULL));
