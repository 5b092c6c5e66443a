-- Pre-aggregated incident counts, kept exact by statement-level triggers on incidents, so
-- per-grid counts and low-zoom hexbins over long periods read a few thousand rows instead of
-- every incident.
--
--   incident_daily_grid    day (Asia/Shanghai) × place × in-force grid × category/channel/state
--   incident_monthly_grid  month × place × in-force grid (no category/channel/state)
--   incident_daily_cell    day × place × 25 m Web-Mercator cell × category/channel/state
--   incident_monthly_cell  month × place × 25 m cell (no category/channel/state)
--
-- "place" is community_code (null: in no community), the column the jurisdiction and region
-- filters use. A cell (cx, cy) spans mercator x ∈ [25 cx, 25 cx + 25), y likewise, x and y by
-- the same arithmetic as the hexbin route (6378137 · λ, 6378137 · ln tan(π/4 + φ/2)).
--
-- Each table's primary key is (district_code, id), as every district table's; the key the
-- counts are summed under is a unique index (it has nullable columns).
--
-- Every write to incidents — including the in-force re-assignment of migration 0015, which
-- is an UPDATE of incidents — passes through incidents_aggregate(): old rows count −1, new
-- rows +1, summed per key and added in; keys that fall to 0 are deleted.

CREATE TABLE incident_daily_grid (
  district_code char(6) NOT NULL,
  day date NOT NULL,
  community_code text,
  grid_code text,
  plan_id bigint,
  category text NOT NULL,
  channel text NOT NULL,
  state text NOT NULL,
  n integer NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (district_code, id)
);
CREATE UNIQUE INDEX incident_daily_grid_key ON incident_daily_grid (district_code, day, community_code, grid_code, plan_id, category, channel, state) NULLS NOT DISTINCT;

CREATE TABLE incident_monthly_grid (
  district_code char(6) NOT NULL,
  month date NOT NULL,
  community_code text,
  grid_code text,
  n integer NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (district_code, id)
);
CREATE UNIQUE INDEX incident_monthly_grid_key ON incident_monthly_grid (district_code, month, community_code, grid_code) NULLS NOT DISTINCT;

CREATE TABLE incident_daily_cell (
  district_code char(6) NOT NULL,
  day date NOT NULL,
  community_code text,
  cx integer NOT NULL,
  cy integer NOT NULL,
  category text NOT NULL,
  channel text NOT NULL,
  state text NOT NULL,
  n integer NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (district_code, id)
);
CREATE UNIQUE INDEX incident_daily_cell_key ON incident_daily_cell (district_code, day, community_code, cx, cy, category, channel, state) NULLS NOT DISTINCT;

CREATE TABLE incident_monthly_cell (
  district_code char(6) NOT NULL,
  month date NOT NULL,
  community_code text,
  cx integer NOT NULL,
  cy integer NOT NULL,
  n integer NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (district_code, id)
);
CREATE UNIQUE INDEX incident_monthly_cell_key ON incident_monthly_cell (district_code, month, community_code, cx, cy) NULLS NOT DISTINCT;

CREATE TYPE incident_delta AS (
  district_code char(6), day date, community_code text, grid_code text, plan_id bigint,
  category text, channel text, state text, cx integer, cy integer, n integer
);

-- The delta row of one incident (sign +1 or −1).
CREATE FUNCTION incident_delta_of(i incidents, sign integer) RETURNS incident_delta LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(i.district_code, (i.reported_at AT TIME ZONE 'Asia/Shanghai')::date, i.community_code, i.grid_code, i.plan_id,
    i.category, i.channel, i.state,
    floor(6378137.0 * radians(ST_X(i.location)) / 25)::int,
    floor(6378137.0 * ln(tan(pi() / 4 + radians(ST_Y(i.location)) / 2)) / 25)::int,
    sign)::incident_delta
$$;

CREATE FUNCTION incident_aggregates_apply(d incident_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF d IS NULL OR cardinality(d) = 0 THEN RETURN; END IF;
  INSERT INTO incident_daily_grid AS a (district_code, day, community_code, grid_code, plan_id, category, channel, state, n)
  SELECT district_code, day, community_code, grid_code, plan_id, category, channel, state, sum(n)
  FROM unnest(d) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(n) <> 0
  ON CONFLICT (district_code, day, community_code, grid_code, plan_id, category, channel, state) DO UPDATE SET n = a.n + excluded.n;
  INSERT INTO incident_monthly_grid AS a (district_code, month, community_code, grid_code, n)
  SELECT district_code, date_trunc('month', day)::date, community_code, grid_code, sum(n)
  FROM unnest(d) GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
  ON CONFLICT (district_code, month, community_code, grid_code) DO UPDATE SET n = a.n + excluded.n;
  INSERT INTO incident_daily_cell AS a (district_code, day, community_code, cx, cy, category, channel, state, n)
  SELECT district_code, day, community_code, cx, cy, category, channel, state, sum(n)
  FROM unnest(d) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(n) <> 0
  ON CONFLICT (district_code, day, community_code, cx, cy, category, channel, state) DO UPDATE SET n = a.n + excluded.n;
  INSERT INTO incident_monthly_cell AS a (district_code, month, community_code, cx, cy, n)
  SELECT district_code, date_trunc('month', day)::date, community_code, cx, cy, sum(n)
  FROM unnest(d) GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0
  ON CONFLICT (district_code, month, community_code, cx, cy) DO UPDATE SET n = a.n + excluded.n;
  IF EXISTS (SELECT 1 FROM unnest(d) WHERE n < 0) THEN
    DELETE FROM incident_daily_grid WHERE n = 0;
    DELETE FROM incident_monthly_grid WHERE n = 0;
    DELETE FROM incident_daily_cell WHERE n = 0;
    DELETE FROM incident_monthly_cell WHERE n = 0;
  END IF;
END $$;

CREATE INDEX incident_daily_grid_zero ON incident_daily_grid (district_code) WHERE n = 0;
CREATE INDEX incident_monthly_grid_zero ON incident_monthly_grid (district_code) WHERE n = 0;
CREATE INDEX incident_daily_cell_zero ON incident_daily_cell (district_code) WHERE n = 0;
CREATE INDEX incident_monthly_cell_zero ON incident_monthly_cell (district_code) WHERE n = 0;

CREATE FUNCTION incidents_aggregate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM incident_aggregates_apply(ARRAY(SELECT incident_delta_of(r, 1) FROM new_rows r));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM incident_aggregates_apply(ARRAY(SELECT incident_delta_of(r, -1) FROM old_rows r));
  ELSE
    PERFORM incident_aggregates_apply(ARRAY(
      SELECT incident_delta_of(r, 1) FROM new_rows r UNION ALL SELECT incident_delta_of(r, -1) FROM old_rows r));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER incidents_aggregate_insert AFTER INSERT ON incidents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incidents_aggregate();
CREATE TRIGGER incidents_aggregate_update AFTER UPDATE ON incidents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incidents_aggregate();
CREATE TRIGGER incidents_aggregate_delete AFTER DELETE ON incidents REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incidents_aggregate();

-- The incidents already there.
SELECT incident_aggregates_apply(ARRAY(SELECT incident_delta_of(i, 1) FROM incidents i));

-- Point tiles thinned at low zoom keep incidents whose hashint8(id) has its low 2k bits zero
-- (k = 14 − z): one partial index per level so the bbox search reads only the kept ones.
CREATE INDEX incidents_location_thin1_gist ON incidents USING gist (location) WHERE (hashint8(id) & 3) = 0;
CREATE INDEX incidents_location_thin2_gist ON incidents USING gist (location) WHERE (hashint8(id) & 15) = 0;
CREATE INDEX incidents_location_thin3_gist ON incidents USING gist (location) WHERE (hashint8(id) & 63) = 0;
CREATE INDEX incidents_location_thin4_gist ON incidents USING gist (location) WHERE (hashint8(id) & 255) = 0;
