-- What the leaders' dashboard (issue 17) needs to keep its answers across requests and
-- restarts without ever serving a stale one:
--
--   street_stretch_communities  each 5 m street stretch (0017) → the communities its midpoint
--                               lies in (a midpoint on a shared edge lies in both). Geometry
--                               only, kept by triggers on stretches and regions, so a cold
--                               start reads it instead of testing every stretch of the district
--                               against the communities' boundaries.
--   dashboard_versions          a version per district that moves with every write to the data
--                               the dashboard reads and no other version covers: the roster
--                               (staff, staff_assignments, staff_roles), visits and special-group
--                               records and cadences, patrol tracks, streets and their stretches,
--                               rule profiles, analytics settings, and plans submitted, decided or
--                               moved (a draft saved moves nothing). Kept patrol days
--                               (stretch_patrol_days, patrol_days_done) do not move it: they are
--                               worked out from the tracks and streets, the same whether worked out
--                               inside a request or read kept, and every write that forgets them
--                               (a track or street written) moves it itself.
--   dashboard_responses         computed dashboards kept under the versions they were computed
--                               at (region, analytics, incident months, dashboard), so that a
--                               fresh process serves them again while none has moved.
--
-- incident_transitions writes (an incident dispatched, closed, voided) now move the month
-- versions (0027) of their incidents' months, as incident writes do: every cached answer that
-- reads incident states (the dashboard, the analyst's points) sees them.
--
-- Versions come from one sequence and are set inside the writing transaction, in district
-- order, as 0019's and 0033's: a reader that reads the versions before the data may keep new
-- data under an old version (a harmless miss later), never old data under a new one.

CREATE SEQUENCE dashboard_version;

CREATE TABLE dashboard_versions (
  district_code char(6) PRIMARY KEY,
  version bigint NOT NULL
);

INSERT INTO dashboard_versions (district_code, version)
SELECT d.district_code, nextval('dashboard_version') FROM districts d ORDER BY d.district_code;

CREATE FUNCTION dashboard_versions_bump(districts char(6)[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO dashboard_versions AS v (district_code, version)
  SELECT k.d, nextval('dashboard_version') FROM (SELECT DISTINCT d FROM unnest(districts) AS d WHERE d IS NOT NULL) k
  ORDER BY k.d
  ON CONFLICT (district_code) DO UPDATE SET version = excluded.version
$$;

-- Rows with a district_code: the districts they name, before and after.
CREATE FUNCTION dashboard_versions_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN PERFORM dashboard_versions_bump(ARRAY(SELECT DISTINCT r.district_code FROM new_rows r));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM dashboard_versions_bump(ARRAY(SELECT r.district_code FROM new_rows r UNION SELECT r.district_code FROM old_rows r));
  ELSE PERFORM dashboard_versions_bump(ARRAY(SELECT DISTINCT r.district_code FROM old_rows r));
  END IF;
  RETURN NULL;
END $$;

-- TRUNCATE, and tables shared by every district (staff roles, visit cadences): every district.
CREATE FUNCTION dashboard_versions_everywhere() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dashboard_versions_bump(ARRAY(SELECT d.district_code FROM districts d UNION SELECT v.district_code FROM dashboard_versions v));
  RETURN NULL;
END $$;

-- Plans: the dashboard counts those waiting for a decision and reads the ones in force; a
-- draft saved (geometry, grids) changes neither, so only a plan inserted or deleted, or one
-- whose status, dates or region change, moves the version — draft saves under load take no
-- lock on the district's row.
CREATE FUNCTION dashboard_versions_plans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN PERFORM dashboard_versions_bump(ARRAY(SELECT DISTINCT n.district_code FROM new_rows n));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM dashboard_versions_bump(ARRAY(
      SELECT n.district_code FROM new_rows n JOIN old_rows o ON o.district_code = n.district_code AND o.id = n.id
      WHERE o.status IS DISTINCT FROM n.status OR o.submitted_at IS DISTINCT FROM n.submitted_at
        OR o.approved_at IS DISTINCT FROM n.approved_at OR o.archived_at IS DISTINCT FROM n.archived_at
        OR o.region_code IS DISTINCT FROM n.region_code));
  ELSE PERFORM dashboard_versions_bump(ARRAY(SELECT DISTINCT o.district_code FROM old_rows o));
  END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['staff', 'staff_assignments', 'visits', 'special_group_records', 'patrol_tracks',
    'streets', 'street_stretches', 'rule_profiles', 'analytics_settings'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION dashboard_versions_written()', t || '_dashboard_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION dashboard_versions_written()', t || '_dashboard_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION dashboard_versions_written()', t || '_dashboard_delete', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION dashboard_versions_everywhere()', t || '_dashboard_truncate', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['staff_roles', 'special_group_visit_cadences'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION dashboard_versions_everywhere()', t || '_dashboard_written', t);
  END LOOP;
END $$;

CREATE TRIGGER plans_dashboard_insert AFTER INSERT ON plans REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_versions_plans();
CREATE TRIGGER plans_dashboard_update AFTER UPDATE ON plans REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_versions_plans();
CREATE TRIGGER plans_dashboard_delete AFTER DELETE ON plans REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_versions_plans();
CREATE TRIGGER plans_dashboard_truncate AFTER TRUNCATE ON plans
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_versions_everywhere();

-- Transitions move the months of their incidents (0027's bump, in its lock order). A
-- transition deleted with its incident finds no incident: the incident's own delete moved it.
-- (A transition table exists only for the events that declare it, hence one query per event.)
CREATE FUNCTION incident_transitions_months_written() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  districts char(6)[];
  months date[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(m.district_code), array_agg(m.month) INTO districts, months FROM (
      SELECT DISTINCT i.district_code, shanghai_month(i.reported_at) AS month
      FROM (SELECT DISTINCT r.district_code, r.incident_id FROM new_rows r) k
      JOIN incidents i ON i.district_code = k.district_code AND i.id = k.incident_id) m;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(m.district_code), array_agg(m.month) INTO districts, months FROM (
      SELECT DISTINCT i.district_code, shanghai_month(i.reported_at) AS month
      FROM (SELECT r.district_code, r.incident_id FROM new_rows r UNION SELECT r.district_code, r.incident_id FROM old_rows r) k
      JOIN incidents i ON i.district_code = k.district_code AND i.id = k.incident_id) m;
  ELSE
    SELECT array_agg(m.district_code), array_agg(m.month) INTO districts, months FROM (
      SELECT DISTINCT i.district_code, shanghai_month(i.reported_at) AS month
      FROM (SELECT DISTINCT r.district_code, r.incident_id FROM old_rows r) k
      JOIN incidents i ON i.district_code = k.district_code AND i.id = k.incident_id) m;
  END IF;
  IF districts IS NOT NULL THEN PERFORM analytics_incident_months_bump(districts, months); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER incident_transitions_months_insert AFTER INSERT ON incident_transitions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_transitions_months_written();
CREATE TRIGGER incident_transitions_months_update AFTER UPDATE ON incident_transitions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_transitions_months_written();
CREATE TRIGGER incident_transitions_months_delete AFTER DELETE ON incident_transitions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_transitions_months_written();
-- TRUNCATE names no months: every district's analytics version (0019's function).
CREATE TRIGGER incident_transitions_version_truncate AFTER TRUNCATE ON incident_transitions
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_versions_truncated();

-- With what a reader needs of the stretch and its street, copied (a stretch is never updated:
-- streets written rebuild theirs under new ids), so the dashboard reads one table and tests
-- no geometry: `street_length_m` is the street's length on the sphere (ST_Length of geography,
-- as the dead corners cut streets into parts by it).
CREATE TABLE street_stretch_communities (
  district_code char(6) NOT NULL,
  stretch_id bigint NOT NULL,
  community_code text NOT NULL,
  street_id bigint NOT NULL,
  seq integer NOT NULL,
  n integer NOT NULL,
  length_m float8 NOT NULL,
  street_length_m float8 NOT NULL,
  PRIMARY KEY (district_code, community_code, stretch_id),
  FOREIGN KEY (district_code, stretch_id) REFERENCES street_stretches (district_code, id) ON DELETE CASCADE
);
CREATE INDEX street_stretch_communities_stretch ON street_stretch_communities (district_code, stretch_id);

-- The communities of the given stretches' midpoints (as `ST_Intersects(boundary, mid)`: interior
-- and boundary); all of the district's stretches when `stretch_ids` is null.
CREATE FUNCTION street_stretch_communities_of(district char(6), stretch_ids bigint[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO street_stretch_communities (district_code, stretch_id, community_code, street_id, seq, n, length_m, street_length_m)
  SELECT st.district_code, st.id, c.code, st.street_id, st.seq, st.n, st.length_m, ST_Length(s.geom::geography)
  FROM street_stretches st
  JOIN streets s ON s.district_code = st.district_code AND s.id = st.street_id
  JOIN regions c ON c.district_code = st.district_code AND c.level = 'community' AND ST_Intersects(c.boundary, st.mid)
  WHERE st.district_code = district AND (stretch_ids IS NULL OR st.id = ANY (stretch_ids))
  ON CONFLICT DO NOTHING
$$;

-- Every stretch of the district again (its communities changed).
CREATE FUNCTION street_stretch_communities_rebuild(district char(6)) RETURNS void LANGUAGE sql AS $$
  DELETE FROM street_stretch_communities WHERE district_code = district;
  SELECT street_stretch_communities_of(district, NULL);
$$;

CREATE FUNCTION street_stretches_communities() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT district_code, array_agg(id) AS ids FROM new_rows GROUP BY district_code LOOP
    PERFORM street_stretch_communities_of(r.district_code, r.ids);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER street_stretches_communities_insert AFTER INSERT ON street_stretches REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION street_stretches_communities();

-- Communities inserted, deleted, or changed in code, level or boundary: their districts again.
CREATE FUNCTION regions_stretch_communities() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d char(6);
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR d IN SELECT DISTINCT n.district_code FROM new_rows n WHERE n.level = 'community' ORDER BY 1 LOOP
      PERFORM street_stretch_communities_rebuild(d);
    END LOOP;
  ELSIF TG_OP = 'UPDATE' THEN
    FOR d IN SELECT DISTINCT k.district_code FROM (
        SELECT n.district_code FROM new_rows n JOIN old_rows o ON o.district_code = n.district_code AND o.code = n.code
        WHERE (n.level = 'community' OR o.level = 'community')
          AND (o.level IS DISTINCT FROM n.level OR ST_AsBinary(o.boundary) IS DISTINCT FROM ST_AsBinary(n.boundary))
        UNION SELECT n.district_code FROM new_rows n
        WHERE n.level = 'community' AND NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.district_code = n.district_code AND o.code = n.code)
        UNION SELECT o.district_code FROM old_rows o
        WHERE o.level = 'community' AND NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.district_code = o.district_code AND n.code = o.code)
      ) k ORDER BY 1 LOOP
      PERFORM street_stretch_communities_rebuild(d);
    END LOOP;
  ELSE
    FOR d IN SELECT DISTINCT o.district_code FROM old_rows o WHERE o.level = 'community' ORDER BY 1 LOOP
      PERFORM street_stretch_communities_rebuild(d);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER regions_stretch_communities_insert AFTER INSERT ON regions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION regions_stretch_communities();
CREATE TRIGGER regions_stretch_communities_update AFTER UPDATE ON regions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION regions_stretch_communities();
CREATE TRIGGER regions_stretch_communities_delete AFTER DELETE ON regions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION regions_stretch_communities();

-- The stretches already there.
SELECT street_stretch_communities_rebuild(d.district_code) FROM (SELECT DISTINCT district_code FROM regions) d;

-- Dashboards as computed, under the versions they were read at (`version`, as the API
-- composes it) and everything else they depend on (`key`: region, period, as-of day, the
-- caller's jurisdictions and entitlement). One row per key, replaced when recomputed; rows
-- of a district under another version are dropped when one is written (versions only grow).
CREATE TABLE dashboard_responses (
  district_code char(6) NOT NULL,
  key text NOT NULL,
  version text NOT NULL,
  -- The JSON as sent (text: jsonb would reorder its keys and cost a conversion each way).
  body text NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, key)
);
