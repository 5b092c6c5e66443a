-- Monthly incident counts per hexagon of the hexbin route's grid at zooms 11–14, kept exact
-- by statement-level triggers on incidents, so district- and subdistrict-wide hexbins over
-- long periods read a few thousand rows instead of every incident.
--
-- The hexagons are those of `GET /api/analytics/incidents/hexbins` at a whole zoom z without
-- growth: flat-topped, edge (= circumradius) hex_size(z) = 20 / (512 · 2^z / 40075016.685…)
-- mercator units, origin 0,0 (ST_HexagonGrid's); each incident goes to the hexagon whose
-- centre is nearest, by the same arithmetic as the route (hex_of()), so the counts equal the
-- route's own binning of the raw incidents.

CREATE FUNCTION hex_size(z integer) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
  SELECT 20.0::float8 / ((512.0::float8 * power(2.0::float8, z)) / 40075016.685578488::float8)
$$;

-- The hexagon (i, j) holding mercator point (x, y) in the grid of edge s: column i spans
-- x ∈ [1.5 s i − s, 1.5 s i + s]; odd columns sit half a row (√3 s / 2) up.
CREATE FUNCTION hex_of(x float8, y float8, s float8) RETURNS integer[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN d0 <= d1 THEN ARRAY[i0, j0] ELSE ARRAY[i0 + 1, j1] END
  FROM (
    SELECT i0, j0, j1,
      (x - 1.5 * s * i0) ^ 2 + (y - sqrt(3) * s * (j0 + (abs(i0) % 2) / 2.0)) ^ 2 AS d0,
      (x - 1.5 * s * (i0 + 1)) ^ 2 + (y - sqrt(3) * s * (j1 + (abs(i0 + 1) % 2) / 2.0)) ^ 2 AS d1
    FROM (
      SELECT i0,
        round((y - (abs(i0) % 2) * sqrt(3) * s / 2) / (sqrt(3) * s))::int AS j0,
        round((y - (abs(i0 + 1) % 2) * sqrt(3) * s / 2) / (sqrt(3) * s))::int AS j1
      FROM (SELECT floor(x / (1.5 * s))::int AS i0) a
    ) b
  ) c
$$;

CREATE TABLE incident_monthly_hex (
  district_code char(6) NOT NULL,
  level smallint NOT NULL,
  month date NOT NULL,
  community_code text,
  i integer NOT NULL,
  j integer NOT NULL,
  n integer NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (district_code, id)
);
CREATE UNIQUE INDEX incident_monthly_hex_key ON incident_monthly_hex (district_code, level, month, community_code, i, j) NULLS NOT DISTINCT;
CREATE INDEX incident_monthly_hex_zero ON incident_monthly_hex (district_code) WHERE n = 0;

-- Rows of incidents (sign +1 or −1) → deltas per level, summed and added in.
CREATE FUNCTION incident_hex_apply(rows_in incidents[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF rows_in IS NULL OR cardinality(rows_in) = 0 THEN RETURN; END IF;
  INSERT INTO incident_monthly_hex AS a (district_code, level, month, community_code, i, j, n)
  SELECT district_code, level, month, community_code, h[1], h[2], sum(sign)
  FROM (
    SELECT r.district_code, l.level, date_trunc('month', r.reported_at AT TIME ZONE 'Asia/Shanghai')::date AS month, r.community_code,
      hex_of(6378137.0 * radians(ST_X(r.location)), 6378137.0 * ln(tan(pi() / 4 + radians(ST_Y(r.location)) / 2)), hex_size(l.level)) AS h
    FROM unnest(rows_in) r CROSS JOIN generate_series(11, 14) AS l(level)
  ) d
  GROUP BY district_code, level, month, community_code, h[1], h[2]
  ON CONFLICT (district_code, level, month, community_code, i, j) DO UPDATE SET n = a.n + excluded.n;
  IF sign < 0 THEN DELETE FROM incident_monthly_hex WHERE n = 0; END IF;
END $$;

CREATE FUNCTION incidents_hex_aggregate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM incident_hex_apply(ARRAY(SELECT r::incidents FROM new_rows r), 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM incident_hex_apply(ARRAY(SELECT r::incidents FROM old_rows r), -1);
  ELSE
    -- Only what the hexagon counts depend on: a change of state or category moves nothing.
    PERFORM incident_hex_apply(ARRAY(
      SELECT o::incidents FROM old_rows o JOIN new_rows n ON n.district_code = o.district_code AND n.id = o.id
      WHERE (o.location, o.reported_at, o.community_code) IS DISTINCT FROM (n.location, n.reported_at, n.community_code)), -1);
    PERFORM incident_hex_apply(ARRAY(
      SELECT n::incidents FROM old_rows o JOIN new_rows n ON n.district_code = o.district_code AND n.id = o.id
      WHERE (o.location, o.reported_at, o.community_code) IS DISTINCT FROM (n.location, n.reported_at, n.community_code)), 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER incidents_hex_aggregate_insert AFTER INSERT ON incidents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incidents_hex_aggregate();
CREATE TRIGGER incidents_hex_aggregate_update AFTER UPDATE ON incidents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incidents_hex_aggregate();
CREATE TRIGGER incidents_hex_aggregate_delete AFTER DELETE ON incidents REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incidents_hex_aggregate();

-- The incidents already there.
SELECT incident_hex_apply(ARRAY(SELECT i FROM incidents i), 1);
