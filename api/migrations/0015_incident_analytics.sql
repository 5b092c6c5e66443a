-- Incident analytics: each incident remembers the grid of the approved plan in force when it
-- happened, so per-grid counts, hexbins and tiles read one table instead of redoing three
-- point-in-polygon look-ups per incident on every request.
--
-- In force at time t for an incident in community c: of the plans covering c (region code a
-- prefix of c) that were approved (status approved, or archived after approval) at or before
-- t, the one approved last; within it, the grid of c containing the point.

ALTER TABLE incidents
  ADD COLUMN community_code text,
  ADD COLUMN plan_id bigint,
  ADD COLUMN grid_code text;

CREATE FUNCTION incident_in_force(p_district char(6), p_location geometry, p_at timestamptz)
RETURNS TABLE (community_code text, plan_id bigint, grid_code text)
LANGUAGE sql STABLE AS $$
  SELECT c.code, f.id, g.code
  FROM (SELECT 1) AS one
  LEFT JOIN LATERAL (
    SELECT r.code FROM regions r
    WHERE r.district_code = p_district AND r.level = 'community' AND ST_Intersects(r.boundary, p_location)
    ORDER BY r.code LIMIT 1
  ) c ON true
  LEFT JOIN LATERAL (
    SELECT p.id FROM plans p
    WHERE p.district_code = p_district AND c.code LIKE p.region_code || '%'
      AND p.status IN ('approved', 'archived') AND p.approved_at IS NOT NULL AND p.approved_at <= p_at
    ORDER BY p.approved_at DESC, p.id DESC LIMIT 1
  ) f ON true
  LEFT JOIN LATERAL (
    SELECT g.code FROM grids g
    WHERE g.district_code = p_district AND g.plan_id = f.id AND g.community_code = c.code
      AND ST_Intersects(g.geometry, p_location)
    ORDER BY g.code LIMIT 1
  ) g ON true
$$;

-- A new or moved incident finds its grid as it is written.
CREATE FUNCTION incidents_assign_grid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT f.community_code, f.plan_id, f.grid_code INTO NEW.community_code, NEW.plan_id, NEW.grid_code
  FROM incident_in_force(NEW.district_code, NEW.location, NEW.reported_at) f;
  RETURN NEW;
END $$;

CREATE TRIGGER incidents_assign_grid BEFORE INSERT OR UPDATE OF location, reported_at, district_code ON incidents
  FOR EACH ROW EXECUTE FUNCTION incidents_assign_grid();

-- Re-assigns the incidents of the given communities reported at or after `since` (a plan
-- approved, back-dated, or its grids changed), and those assigned to the given plans.
CREATE FUNCTION incidents_reassign(p_district char(6), p_communities text[], p_since timestamptz, p_plans bigint[])
RETURNS void LANGUAGE sql AS $$
  UPDATE incidents i SET community_code = f.community_code, plan_id = f.plan_id, grid_code = f.grid_code
  FROM incidents j CROSS JOIN LATERAL incident_in_force(j.district_code, j.location, j.reported_at) f
  WHERE j.district_code = p_district AND i.district_code = j.district_code AND i.id = j.id
    AND ((j.community_code = ANY (p_communities) AND j.reported_at >= p_since) OR j.plan_id = ANY (p_plans))
    AND (i.community_code, i.plan_id, i.grid_code) IS DISTINCT FROM (f.community_code, f.plan_id, f.grid_code)
$$;

-- Grids of an approved plan written or removed: its communities from its approval on. A
-- draft's grids (no approved_at) change nothing; a deleted plan frees its incidents.
CREATE FUNCTION grids_reassign_incidents() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE t record;
BEGIN
  FOR t IN
    SELECT c.district_code, array_agg(DISTINCT c.community_code) FILTER (WHERE p.id IS NOT NULL) AS communities,
      min(p.approved_at) AS since, array_agg(DISTINCT c.plan_id) FILTER (WHERE p.id IS NULL) AS gone
    FROM changed_grids c LEFT JOIN plans p ON p.district_code = c.district_code AND p.id = c.plan_id
    WHERE p.id IS NULL OR p.approved_at IS NOT NULL
    GROUP BY c.district_code
  LOOP
    PERFORM incidents_reassign(t.district_code, coalesce(t.communities, '{}'), coalesce(t.since, 'infinity'), coalesce(t.gone, '{}'));
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER grids_insert_reassign AFTER INSERT ON grids REFERENCING NEW TABLE AS changed_grids
  FOR EACH STATEMENT EXECUTE FUNCTION grids_reassign_incidents();
CREATE TRIGGER grids_update_reassign AFTER UPDATE ON grids REFERENCING NEW TABLE AS changed_grids
  FOR EACH STATEMENT EXECUTE FUNCTION grids_reassign_incidents();
CREATE TRIGGER grids_delete_reassign AFTER DELETE ON grids REFERENCING OLD TABLE AS changed_grids
  FOR EACH STATEMENT EXECUTE FUNCTION grids_reassign_incidents();

-- A plan approved (or its approval time or status changed): the communities under its region
-- from the earlier of the old and new approval times.
CREATE FUNCTION plans_reassign_incidents() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE t record;
BEGIN
  FOR t IN
    SELECT n.district_code, n.region_code, least(o.approved_at, n.approved_at) AS since
    FROM new_plans n JOIN old_plans o ON o.district_code = n.district_code AND o.id = n.id
    WHERE (o.approved_at IS DISTINCT FROM n.approved_at OR o.status IS DISTINCT FROM n.status)
      AND coalesce(o.approved_at, n.approved_at) IS NOT NULL
  LOOP
    PERFORM incidents_reassign(t.district_code,
      ARRAY(SELECT code FROM regions WHERE district_code = t.district_code AND level = 'community' AND code LIKE t.region_code || '%'),
      t.since, '{}');
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER plans_update_reassign AFTER UPDATE ON plans REFERENCING OLD TABLE AS old_plans NEW TABLE AS new_plans
  FOR EACH STATEMENT EXECUTE FUNCTION plans_reassign_incidents();

UPDATE incidents i SET community_code = f.community_code, plan_id = f.plan_id, grid_code = f.grid_code
FROM incidents j CROSS JOIN LATERAL incident_in_force(j.district_code, j.location, j.reported_at) f
WHERE i.district_code = j.district_code AND i.id = j.id;

CREATE INDEX incidents_grid_idx ON incidents (district_code, grid_code);
CREATE INDEX incidents_community_reported_idx ON incidents (district_code, community_code, reported_at);
CREATE INDEX incidents_plan_idx ON incidents (plan_id);
