-- A version per district that moves whenever something the region summaries read changes:
-- `GET /api/regions` and `GET /api/meta` (regions and their boundaries, buildings with their
-- households and persons, compounds, the district row, and which grids are in force). The
-- API keeps those answers under the version (routes/region-summaries-cache.ts) and serves
-- them again, or a 304 to a matching If-None-Match, while it has not moved.
--
-- Unlike analytics_versions (0019), incidents do not move it: incidents come in all day and
-- do not change a region's totals. Versions come from one sequence, so the greatest version
-- among the districts a caller may see moves exactly when one of them is written or a district
-- appears — one number says whether a cached listing of several districts still holds. Rows
-- are never deleted (TRUNCATE of the sources moves every row instead), so a version is never
-- handed out twice for different data.
--
-- Set inside the writing transaction, as 0019's, so a reader sees the new version only with
-- the data that moved it: reading the version first and the data second may keep new data
-- under an old version (a harmless miss later), never old data under a new one.

CREATE SEQUENCE region_version;

CREATE TABLE region_versions (
  district_code char(6) PRIMARY KEY,
  version bigint NOT NULL
);

INSERT INTO region_versions (district_code, version)
SELECT d.district_code, nextval('region_version') FROM districts d ORDER BY d.district_code;

-- In district order, so two writers touching the same districts take their row locks alike.
CREATE FUNCTION region_versions_bump(districts char(6)[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO region_versions AS v (district_code, version)
  SELECT k.d, nextval('region_version') FROM (SELECT DISTINCT d FROM unnest(districts) AS d WHERE d IS NOT NULL) k
  ORDER BY k.d
  ON CONFLICT (district_code) DO UPDATE SET version = excluded.version
$$;

CREATE FUNCTION region_versions_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN PERFORM region_versions_bump(ARRAY(SELECT r.district_code FROM new_rows r));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM region_versions_bump(ARRAY(SELECT r.district_code FROM new_rows r UNION SELECT r.district_code FROM old_rows r));
  ELSE PERFORM region_versions_bump(ARRAY(SELECT r.district_code FROM old_rows r));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION region_versions_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE region_versions SET version = nextval('region_version');
  RETURN NULL;
END $$;

-- Plans change the grids in force when inserted approved (a district import), when their
-- status or approval changes, and when deleted; a draft saved moves nothing.
CREATE FUNCTION region_versions_plans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM region_versions_bump(ARRAY(SELECT n.district_code FROM new_rows n WHERE n.status = 'approved'));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM region_versions_bump(ARRAY(
      SELECT n.district_code FROM new_rows n JOIN old_rows o ON o.district_code = n.district_code AND o.id = n.id
      WHERE o.approved_at IS DISTINCT FROM n.approved_at OR o.status IS DISTINCT FROM n.status));
  ELSE PERFORM region_versions_bump(ARRAY(SELECT o.district_code FROM old_rows o WHERE o.status = 'approved'));
  END IF;
  RETURN NULL;
END $$;

-- Grids move it only when they belong to an approved plan (grids imported into a plan
-- inserted approved, codes finalised at approval): the draft saves under load stay cheap.
CREATE FUNCTION region_versions_grids() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched char(6)[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(p.district_code) INTO touched FROM plans p
    WHERE p.status = 'approved' AND (p.district_code, p.id) IN (SELECT DISTINCT r.district_code, r.plan_id FROM new_rows r);
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(p.district_code) INTO touched FROM plans p
    WHERE p.status = 'approved' AND (p.district_code, p.id) IN (
      SELECT r.district_code, r.plan_id FROM new_rows r UNION SELECT r.district_code, r.plan_id FROM old_rows r);
  ELSE
    SELECT array_agg(p.district_code) INTO touched FROM plans p
    WHERE p.status = 'approved' AND (p.district_code, p.id) IN (SELECT DISTINCT r.district_code, r.plan_id FROM old_rows r);
  END IF;
  IF touched IS NOT NULL THEN PERFORM region_versions_bump(touched); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER regions_region_version_insert AFTER INSERT ON regions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_written();
CREATE TRIGGER regions_region_version_update AFTER UPDATE ON regions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_written();
CREATE TRIGGER regions_region_version_delete AFTER DELETE ON regions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_written();
CREATE TRIGGER regions_region_version_truncate AFTER TRUNCATE ON regions
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_truncated();

CREATE TRIGGER buildings_region_version_insert AFTER INSERT ON buildings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_written();
CREATE TRIGGER buildings_region_version_update AFTER UPDATE ON buildings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_written();
CREATE TRIGGER buildings_region_version_delete AFTER DELETE ON buildings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_written();
CREATE TRIGGER buildings_region_version_truncate AFTER TRUNCATE ON buildings
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_truncated();

CREATE TRIGGER compounds_region_version_insert AFTER INSERT ON compounds REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_written();
CREATE TRIGGER compounds_region_version_update AFTER UPDATE ON compounds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_written();
CREATE TRIGGER compounds_region_version_delete AFTER DELETE ON compounds REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_written();
CREATE TRIGGER compounds_region_version_truncate AFTER TRUNCATE ON compounds
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_truncated();

CREATE TRIGGER districts_region_version_insert AFTER INSERT ON districts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_written();
CREATE TRIGGER districts_region_version_update AFTER UPDATE ON districts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_written();
CREATE TRIGGER districts_region_version_delete AFTER DELETE ON districts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_written();
CREATE TRIGGER districts_region_version_truncate AFTER TRUNCATE ON districts
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_truncated();

CREATE TRIGGER plans_region_version_insert AFTER INSERT ON plans REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_plans();
CREATE TRIGGER plans_region_version_update AFTER UPDATE ON plans REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_plans();
CREATE TRIGGER plans_region_version_delete AFTER DELETE ON plans REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_plans();
CREATE TRIGGER plans_region_version_truncate AFTER TRUNCATE ON plans
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_truncated();

CREATE TRIGGER grids_region_version_insert AFTER INSERT ON grids REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_grids();
CREATE TRIGGER grids_region_version_update AFTER UPDATE ON grids REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_grids();
CREATE TRIGGER grids_region_version_delete AFTER DELETE ON grids REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_grids();
CREATE TRIGGER grids_region_version_truncate AFTER TRUNCATE ON grids
  FOR EACH STATEMENT EXECUTE FUNCTION region_versions_truncated();
