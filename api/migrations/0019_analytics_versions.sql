-- A version per district that moves whenever something the incident analytics read changes:
-- incidents (and so their in-force grids and the pre-aggregates kept from them), the approval
-- of plans (which grids are in force, their names) and buildings (households per grid). The
-- API keeps computed tiles and counts under the version they were computed at
-- (analytics/response-cache.ts), and serves them again only while it has not moved.
--
-- The version is a row updated inside the writing transaction, so a reader sees the new
-- version only together with the data that moved it: a reader that reads the version first
-- and the data second may cache new data under an old version (a harmless miss later), never
-- old data under a new one. TRUNCATE, which has no transition tables, moves every district.

CREATE TABLE analytics_versions (
  district_code char(6) PRIMARY KEY,
  version bigint NOT NULL DEFAULT 1
);

CREATE FUNCTION analytics_versions_bump(districts char(6)[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO analytics_versions AS v (district_code, version)
  SELECT DISTINCT d, 1 FROM unnest(districts) AS d WHERE d IS NOT NULL
  ON CONFLICT (district_code) DO UPDATE SET version = v.version + 1
$$;

CREATE FUNCTION analytics_versions_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM analytics_versions_bump(ARRAY(SELECT DISTINCT r.district_code FROM new_rows r)); END IF;
  IF TG_OP = 'DELETE' THEN PERFORM analytics_versions_bump(ARRAY(SELECT DISTINCT r.district_code FROM old_rows r)); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION analytics_versions_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE analytics_versions SET version = version + 1;
  RETURN NULL;
END $$;

-- Plans move the version only when their approval changes (a draft saved moves nothing).
CREATE FUNCTION analytics_versions_plans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_versions_bump(ARRAY(
    SELECT n.district_code FROM new_rows n JOIN old_rows o ON o.district_code = n.district_code AND o.id = n.id
    WHERE o.approved_at IS DISTINCT FROM n.approved_at OR o.status IS DISTINCT FROM n.status));
  RETURN NULL;
END $$;

CREATE TRIGGER incidents_version_insert AFTER INSERT ON incidents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_versions_written();
CREATE TRIGGER incidents_version_update AFTER UPDATE ON incidents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_versions_written();
CREATE TRIGGER incidents_version_delete AFTER DELETE ON incidents REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_versions_written();
CREATE TRIGGER incidents_version_truncate AFTER TRUNCATE ON incidents
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_versions_truncated();

CREATE TRIGGER buildings_version_insert AFTER INSERT ON buildings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_versions_written();
CREATE TRIGGER buildings_version_update AFTER UPDATE ON buildings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_versions_written();
CREATE TRIGGER buildings_version_delete AFTER DELETE ON buildings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_versions_written();
CREATE TRIGGER buildings_version_truncate AFTER TRUNCATE ON buildings
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_versions_truncated();

CREATE TRIGGER plans_version_insert AFTER INSERT ON plans REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_versions_written();
CREATE TRIGGER plans_version_update AFTER UPDATE ON plans REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_versions_plans();
CREATE TRIGGER plans_version_delete AFTER DELETE ON plans REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_versions_written();
CREATE TRIGGER plans_version_truncate AFTER TRUNCATE ON plans
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_versions_truncated();
