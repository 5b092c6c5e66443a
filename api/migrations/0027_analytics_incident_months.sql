-- Incidents move a version per district and month (Asia/Shanghai) instead of the district's
-- analytics version (0019): a response about last quarter stays cached while this month's
-- incidents come in. A kept response is valid while the district's version (buildings, plan
-- approvals, TRUNCATE) and the newest version among the months its period touches both stand.
--
-- Month versions come from one sequence, so the greatest version among a period's months
-- moves exactly when one of them is written. They are set inside the writing transaction, as
-- the district's are, and in (district, month) order, so two writers touching the same months
-- take their row locks in the same order.

CREATE SEQUENCE analytics_incident_month_version;

CREATE TABLE analytics_incident_months (
  district_code char(6) NOT NULL,
  month date NOT NULL,
  version bigint NOT NULL,
  PRIMARY KEY (district_code, month)
);

CREATE FUNCTION shanghai_month(t timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT date_trunc('month', t AT TIME ZONE 'Asia/Shanghai')::date
$$;

-- Moves the given (district, month) pairs; districts[i] goes with months[i].
CREATE FUNCTION analytics_incident_months_bump(districts char(6)[], months date[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO analytics_incident_months AS m (district_code, month, version)
  SELECT k.district_code, k.month, nextval('analytics_incident_month_version')
  FROM (SELECT DISTINCT d AS district_code, mo AS month FROM unnest(districts, months) AS w(d, mo)) k
  ORDER BY k.district_code, k.month
  ON CONFLICT (district_code, month) DO UPDATE SET version = excluded.version
$$;

-- Both arrays come from one aggregate over the transition table(s), so they stay aligned.
CREATE FUNCTION analytics_incident_months_written() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  districts char(6)[];
  months date[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(r.district_code), array_agg(shanghai_month(r.reported_at)) INTO districts, months FROM new_rows r;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(r.district_code), array_agg(shanghai_month(r.reported_at)) INTO districts, months
    FROM (SELECT district_code, reported_at FROM new_rows UNION ALL SELECT district_code, reported_at FROM old_rows) r;
  ELSE
    SELECT array_agg(r.district_code), array_agg(shanghai_month(r.reported_at)) INTO districts, months FROM old_rows r;
  END IF;
  IF districts IS NOT NULL THEN PERFORM analytics_incident_months_bump(districts, months); END IF;
  RETURN NULL;
END $$;

DROP TRIGGER incidents_version_insert ON incidents;
DROP TRIGGER incidents_version_update ON incidents;
DROP TRIGGER incidents_version_delete ON incidents;
-- incidents_version_truncate stays: TRUNCATE has no rows to name months by, so it moves the districts.

CREATE TRIGGER incidents_months_insert AFTER INSERT ON incidents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_incident_months_written();
CREATE TRIGGER incidents_months_update AFTER UPDATE ON incidents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_incident_months_written();
CREATE TRIGGER incidents_months_delete AFTER DELETE ON incidents REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_incident_months_written();

-- The months incidents are already in.
INSERT INTO analytics_incident_months (district_code, month, version)
SELECT k.district_code, k.month, nextval('analytics_incident_month_version')
FROM (SELECT DISTINCT district_code, shanghai_month(reported_at) AS month FROM incidents) k
ORDER BY k.district_code, k.month;
