-- Monthly hexagon counts (0018) also at zooms 15 and 16, where a community fills the map: a
-- year of hexbins for a community read its ~7,000 incidents one by one (27 ms); now a few
-- thousand monthly counts. Zoom 17 and closer stay with the incidents themselves (their
-- hexagons of 6 m hold about one incident each, so counting them monthly would save nothing).

CREATE OR REPLACE FUNCTION incident_hex_apply(rows_in incidents[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF rows_in IS NULL OR cardinality(rows_in) = 0 THEN RETURN; END IF;
  INSERT INTO incident_monthly_hex AS a (district_code, level, month, community_code, i, j, n)
  SELECT district_code, level, month, community_code, h[1], h[2], sum(sign)
  FROM (
    SELECT r.district_code, l.level, date_trunc('month', r.reported_at AT TIME ZONE 'Asia/Shanghai')::date AS month, r.community_code,
      hex_of(6378137.0 * radians(ST_X(r.location)), 6378137.0 * ln(tan(pi() / 4 + radians(ST_Y(r.location)) / 2)), hex_size(l.level)) AS h
    FROM unnest(rows_in) r CROSS JOIN generate_series(11, 16) AS l(level)
  ) d
  GROUP BY district_code, level, month, community_code, h[1], h[2]
  ON CONFLICT (district_code, level, month, community_code, i, j) DO UPDATE SET n = a.n + excluded.n;
  IF sign < 0 THEN DELETE FROM incident_monthly_hex WHERE n = 0; END IF;
END $$;

-- The incidents already there, at the two new levels.
INSERT INTO incident_monthly_hex (district_code, level, month, community_code, i, j, n)
SELECT district_code, level, month, community_code, h[1], h[2], count(*)
FROM (
  SELECT r.district_code, l.level, date_trunc('month', r.reported_at AT TIME ZONE 'Asia/Shanghai')::date AS month, r.community_code,
    hex_of(6378137.0 * radians(ST_X(r.location)), 6378137.0 * ln(tan(pi() / 4 + radians(ST_Y(r.location)) / 2)), hex_size(l.level)) AS h
  FROM incidents r CROSS JOIN generate_series(15, 16) AS l(level)
) d
GROUP BY district_code, level, month, community_code, h[1], h[2];
