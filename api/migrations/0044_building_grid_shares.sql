-- Which grids of each approved plan hold each building, kept in SQL so that a fresh process
-- reads the placement instead of working it out again (issue 17: the dashboard's grids in
-- force placed 5,800 buildings of the Lianhu district on every cold start).
--
--   building_grid_shares       per approved (or archived) plan, every pair (building, grid of
--                              the plan) that core's placement rule could pick (placeUnits,
--                              api/src/plans/unit-placement.sql.ts): `whole` when the grid
--                              covers the footprint (a point footprint: lies in the grid), share
--                              1; else the footprint's share of area in the grid, kept when it is
--                              at least MIN_CUT_SHARE (core: 0.001). Readers pick, per building,
--                              among the pairs of the grids they hold (the grids in force at an
--                              instant mix plans per community): whole first, then the largest
--                              share, then the smallest code — the rule placementSql applies,
--                              so the answer is the same as placing the buildings afresh.
--   building_grid_shares_plans the plans whose pairs are kept: every plan approved or archived
--                              with an approval date (the plans that can be in force).
--
-- Kept inside the writing transaction by statement triggers, so no reader ever sees a stale pair:
--   plans     a plan that becomes approved/archived-with-approval is placed whole; one that
--             stops being so (returned, its approval cleared) loses its pairs; deleted: cascade;
--   grids     a grid of a placed plan inserted, moved, recoded or deleted: the buildings whose
--             box meets its old or new geometry are placed again in that plan;
--   buildings a building inserted, deleted, or whose footprint or id changes: placed again in
--             every placed plan of its district (households and names change no pair);
--   TRUNCATE  of buildings or grids empties the pairs (plans stay placed: rows inserted again
--             are placed by the insert triggers).
-- Draft plans are never placed: a draft saved under load costs nothing here.

CREATE TABLE building_grid_shares_plans (
  district_code char(6) NOT NULL,
  plan_id bigint NOT NULL,
  PRIMARY KEY (district_code, plan_id),
  FOREIGN KEY (district_code, plan_id) REFERENCES plans (district_code, id) ON DELETE CASCADE
);

CREATE TABLE building_grid_shares (
  district_code char(6) NOT NULL,
  plan_id bigint NOT NULL,
  building_id bigint NOT NULL,
  grid_code text NOT NULL,
  whole boolean NOT NULL,
  -- Fraction (0–1] of the footprint's area in the grid; 1 when whole.
  share float8 NOT NULL,
  PRIMARY KEY (district_code, plan_id, building_id, grid_code),
  FOREIGN KEY (district_code, plan_id) REFERENCES building_grid_shares_plans (district_code, plan_id) ON DELETE CASCADE
);
-- Readers join the grids they hold: (district, plan, grid) → its pairs.
CREATE INDEX building_grid_shares_grid_idx ON building_grid_shares (district_code, plan_id, grid_code);
-- The building triggers delete a building's pairs in every plan.
CREATE INDEX building_grid_shares_building_idx ON building_grid_shares (district_code, building_id);

-- Places the buildings `building_ids` (NULL: every building of the district) in the grids of
-- the plans `plan_ids` of district `d`: their pairs are deleted and written again. Dynamic SQL
-- so that each call is planned for its own arguments (all buildings, or a few).
CREATE FUNCTION building_grid_shares_place(d char(6), plan_ids bigint[], building_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  which text := CASE WHEN building_ids IS NULL THEN 'true' ELSE 'b.id = ANY($3)' END;
BEGIN
  IF plan_ids IS NULL OR cardinality(plan_ids) = 0 OR (building_ids IS NOT NULL AND cardinality(building_ids) = 0) THEN
    RETURN;
  END IF;
  EXECUTE format('DELETE FROM building_grid_shares b_s WHERE b_s.district_code = $1 AND b_s.plan_id = ANY($2) AND %s',
    replace(which, 'b.id', 'b_s.building_id'))
    USING d, plan_ids, building_ids;
  EXECUTE format($q$
    INSERT INTO building_grid_shares (district_code, plan_id, building_id, grid_code, whole, share)
    SELECT d, plan_id, building_id, grid_code, whole, share FROM (
      SELECT $1::char(6) AS d, g.plan_id, b.id AS building_id, g.code AS grid_code, w.whole,
        CASE WHEN w.whole THEN 1.0::float8
          ELSE ST_Area(ST_Intersection(b.footprint, g.geometry)) / NULLIF(ST_Area(b.footprint), 0) END AS share
      FROM buildings b
      JOIN grids g ON g.district_code = b.district_code AND g.plan_id = ANY($2) AND g.geometry && b.footprint
      CROSS JOIN LATERAL (
        SELECT CASE WHEN GeometryType(b.footprint) = 'POINT' THEN ST_Intersects(g.geometry, b.footprint)
          ELSE ST_CoveredBy(b.footprint, g.geometry) END AS whole) w
      WHERE b.district_code = $1 AND %s AND (w.whole OR GeometryType(b.footprint) = 'POLYGON')
    ) s
    WHERE whole OR share >= 0.001$q$, which)
    USING d, plan_ids, building_ids;
END $$;

-- Plans: place those that can now be in force, forget those that no longer can.
CREATE FUNCTION building_grid_shares_plans_written() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  DELETE FROM building_grid_shares_plans k USING new_rows n
  WHERE k.district_code = n.district_code AND k.plan_id = n.id
    AND NOT (n.status IN ('approved', 'archived') AND n.approved_at IS NOT NULL);
  FOR r IN
    SELECT n.district_code, array_agg(n.id ORDER BY n.id) AS plans FROM new_rows n
    WHERE n.status IN ('approved', 'archived') AND n.approved_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM building_grid_shares_plans k WHERE k.district_code = n.district_code AND k.plan_id = n.id)
    GROUP BY n.district_code ORDER BY n.district_code
  LOOP
    INSERT INTO building_grid_shares_plans (district_code, plan_id) SELECT r.district_code, p FROM unnest(r.plans) AS p;
    PERFORM building_grid_shares_place(r.district_code, r.plans, NULL);
  END LOOP;
  RETURN NULL;
END $$;

-- Grids of placed plans: the buildings near the grids written (old and new geometry) again.
-- (A statement trigger has only the transition tables its event declares, hence the branches.)
CREATE FUNCTION building_grid_shares_grids_written() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ds char(6)[];
  ps bigint[];
  gs geometry[];
  r record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(c.district_code), array_agg(c.plan_id), array_agg(c.geometry) INTO ds, ps, gs FROM new_rows c;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(c.district_code), array_agg(c.plan_id), array_agg(c.geometry) INTO ds, ps, gs
    FROM (SELECT district_code, plan_id, geometry FROM new_rows UNION ALL SELECT district_code, plan_id, geometry FROM old_rows) c;
  ELSE
    SELECT array_agg(c.district_code), array_agg(c.plan_id), array_agg(c.geometry) INTO ds, ps, gs FROM old_rows c;
  END IF;
  IF ds IS NULL THEN RETURN NULL; END IF;
  FOR r IN
    WITH touched AS (SELECT * FROM unnest(ds, ps, gs) AS u(district_code, plan_id, geometry))
    SELECT t.district_code, t.plan_id,
      ARRAY(SELECT DISTINCT b.id FROM touched u JOIN buildings b
              ON b.district_code = u.district_code AND b.footprint && u.geometry
            WHERE u.district_code = t.district_code AND u.plan_id = t.plan_id) AS buildings
    FROM (SELECT DISTINCT district_code, plan_id FROM touched) t
    JOIN building_grid_shares_plans k ON k.district_code = t.district_code AND k.plan_id = t.plan_id
    ORDER BY t.district_code, t.plan_id
  LOOP
    PERFORM building_grid_shares_place(r.district_code, ARRAY[r.plan_id], r.buildings);
  END LOOP;
  RETURN NULL;
END $$;

-- Buildings inserted, deleted, or whose id or footprint changed: placed again in every placed
-- plan of their district.
CREATE FUNCTION building_grid_shares_buildings_written() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ds char(6)[];
  ids bigint[];
  r record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.district_code), array_agg(n.id) INTO ds, ids FROM new_rows n;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(m.district_code), array_agg(m.id) INTO ds, ids FROM (
      SELECT n.district_code, n.id FROM new_rows n
      WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.district_code = n.district_code AND o.id = n.id
                          AND o.footprint::text = n.footprint::text)
      UNION
      SELECT o.district_code, o.id FROM old_rows o
      WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.district_code = o.district_code AND n.id = o.id
                          AND o.footprint::text = n.footprint::text)) m;
  ELSE
    SELECT array_agg(o.district_code), array_agg(o.id) INTO ds, ids FROM old_rows o;
  END IF;
  IF ds IS NULL THEN RETURN NULL; END IF;
  FOR r IN
    SELECT m.district_code, array_agg(DISTINCT m.id) AS buildings,
      ARRAY(SELECT k.plan_id FROM building_grid_shares_plans k WHERE k.district_code = m.district_code ORDER BY k.plan_id) AS plans
    FROM unnest(ds, ids) AS m(district_code, id) GROUP BY m.district_code ORDER BY m.district_code
  LOOP
    PERFORM building_grid_shares_place(r.district_code, r.plans, r.buildings);
  END LOOP;
  RETURN NULL;
END $$;

CREATE FUNCTION building_grid_shares_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM building_grid_shares;
  RETURN NULL;
END $$;

CREATE TRIGGER plans_grid_shares_insert AFTER INSERT ON plans REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION building_grid_shares_plans_written();
CREATE TRIGGER plans_grid_shares_update AFTER UPDATE ON plans REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION building_grid_shares_plans_written();

CREATE TRIGGER grids_grid_shares_insert AFTER INSERT ON grids REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION building_grid_shares_grids_written();
CREATE TRIGGER grids_grid_shares_update AFTER UPDATE ON grids REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION building_grid_shares_grids_written();
CREATE TRIGGER grids_grid_shares_delete AFTER DELETE ON grids REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION building_grid_shares_grids_written();
CREATE TRIGGER grids_grid_shares_truncate AFTER TRUNCATE ON grids
  FOR EACH STATEMENT EXECUTE FUNCTION building_grid_shares_truncated();

CREATE TRIGGER buildings_grid_shares_insert AFTER INSERT ON buildings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION building_grid_shares_buildings_written();
CREATE TRIGGER buildings_grid_shares_update AFTER UPDATE ON buildings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION building_grid_shares_buildings_written();
CREATE TRIGGER buildings_grid_shares_delete AFTER DELETE ON buildings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION building_grid_shares_buildings_written();
CREATE TRIGGER buildings_grid_shares_truncate AFTER TRUNCATE ON buildings
  FOR EACH STATEMENT EXECUTE FUNCTION building_grid_shares_truncated();

-- The plans already approved: placed now.
INSERT INTO building_grid_shares_plans (district_code, plan_id)
SELECT p.district_code, p.id FROM plans p
WHERE p.status IN ('approved', 'archived') AND p.approved_at IS NOT NULL;

SELECT building_grid_shares_place(k.district_code, array_agg(k.plan_id ORDER BY k.plan_id), NULL)
FROM building_grid_shares_plans k GROUP BY k.district_code ORDER BY k.district_code;

-- The dashboard's street stretches of a region (api/src/dashboard/region-stretches.ts): the
-- stretches inside its communities with their lengths and dead-corner parts, read from
-- street_stretch_communities and numbered once, kept packed under the fingerprint they were
-- read at (the district's region version, count and greatest id of its stretches) so that a
-- fresh process reads one row instead of sorting the district's 70,000 stretches again. A row
-- whose fingerprint no longer matches is never read, and is replaced when the region is read.
CREATE TABLE dashboard_stretch_sets (
  district_code char(6) NOT NULL,
  -- The region and the jurisdictions it was read for.
  key text NOT NULL,
  fingerprint text NOT NULL,
  -- Float64 header (count, parts, total metres), then per stretch: ids (Float64), lengths in
  -- metres (Float64), parts (Uint32); little-endian.
  packed bytea NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, key)
);
