-- Patrol coverage by day, worked out once per day and kept, so coverage and dead corners
-- read an index instead of testing every street sample against a month of tracks.
--
--   street_stretches     every street cut into equal stretches of at most 5 m; a stretch is
--                        judged by its midpoint (`mid`); built by a trigger on streets
--   stretch_patrol_days  (stretch, day) for each Asia/Shanghai day on which a patrol track
--                        came within 30 m of the stretch's midpoint
--   patrol_days_done     the days whose stretch_patrol_days are worked out
--
-- Days are worked out on first use (patrol_days_ensure(), called by the routes), not when
-- tracks are written: seeding or importing months of tracks stays fast. Writing a track
-- forgets the days it touches; changing streets forgets the district's days. "Within 30 m"
-- is on the sphere, as in the coverage route.

CREATE TABLE street_stretches (
  district_code char(6) NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  street_id bigint NOT NULL,
  seq integer NOT NULL,
  n integer NOT NULL,
  length_m float8 NOT NULL,
  geom geometry(LineString, 4326) NOT NULL,
  mid geometry(Point, 4326) NOT NULL,
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, street_id) REFERENCES streets (district_code, id) ON DELETE CASCADE,
  UNIQUE (district_code, street_id, seq)
);
CREATE INDEX street_stretches_mid_gist ON street_stretches USING gist (mid);
CREATE INDEX street_stretches_geom_gist ON street_stretches USING gist (geom);

CREATE TABLE stretch_patrol_days (
  district_code char(6) NOT NULL,
  stretch_id bigint NOT NULL,
  day date NOT NULL,
  PRIMARY KEY (district_code, stretch_id, day),
  FOREIGN KEY (district_code, stretch_id) REFERENCES street_stretches (district_code, id) ON DELETE CASCADE
);
CREATE INDEX stretch_patrol_days_district_day ON stretch_patrol_days (district_code, day);

-- The stretch length the coverage route states (metres).
CREATE FUNCTION patrol_stretch_m() RETURNS float8 LANGUAGE sql IMMUTABLE AS $$ SELECT 5.0::float8 $$;
-- Metres around a track that count as patrolled.
CREATE FUNCTION patrol_reach_m() RETURNS float8 LANGUAGE sql IMMUTABLE AS $$ SELECT 30.0::float8 $$;

-- The part of a track recorded on one Asia/Shanghai day (M = epoch seconds); the whole track
-- when it lies inside that day.
CREATE FUNCTION track_on_day(geom geometry, started_at timestamptz, ended_at timestamptz, day date) RETURNS geometry
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN (started_at AT TIME ZONE 'Asia/Shanghai')::date = day AND (ended_at AT TIME ZONE 'Asia/Shanghai')::date = day THEN geom
    ELSE ST_LocateBetween(geom,
      extract(epoch FROM (day::timestamp AT TIME ZONE 'Asia/Shanghai')),
      extract(epoch FROM ((day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')) - 1e-6)
  END
$$;

-- (stretch, day) pairs of the given tracks, each track cut per day and simplified to ≈ 1 m
-- (ST_Simplify keeps the shape within 0.00001°: a walk along a street keeps a few vertices
-- instead of a fix every few metres). Candidates come from a planar corridor of 0.0004°/cos(lat)
-- (≥ 30 m in any direction, using the index), then the distance on the sphere decides.
CREATE FUNCTION patrol_days_of(district char(6), track_ids bigint[]) RETURNS TABLE (stretch_id bigint, district_code char(6), day date)
LANGUAGE sql STABLE AS $$
  SELECT DISTINCT s.id, piece.district_code, piece.day
  FROM (
    SELECT t.district_code, d.day::date AS day, ST_Simplify(track_on_day(t.geom, t.started_at, t.ended_at, d.day::date), 0.00001, true) AS g
    FROM patrol_tracks t
    CROSS JOIN LATERAL generate_series((t.started_at AT TIME ZONE 'Asia/Shanghai')::date, (t.ended_at AT TIME ZONE 'Asia/Shanghai')::date, interval '1 day') AS d(day)
    WHERE t.district_code = district AND t.id = ANY (track_ids)
  ) piece
  JOIN street_stretches s ON s.district_code = piece.district_code
    AND ST_DWithin(piece.g, s.mid, 0.0004 / greatest(cos(radians(ST_YMin(piece.g))), 0.05))
    AND ST_DWithin(piece.g::geography, s.mid::geography, patrol_reach_m(), false)
  WHERE NOT ST_IsEmpty(piece.g)
$$;

CREATE TABLE patrol_days_done (
  district_code char(6) NOT NULL,
  day date NOT NULL,
  PRIMARY KEY (district_code, day)
);

-- Works out the days in [d0, d1) not yet done.
CREATE FUNCTION patrol_days_ensure(district char(6), d0 date, d1 date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  missing date[];
BEGIN
  SELECT array_agg(d.day::date) INTO missing
  FROM generate_series(d0, d1 - 1, interval '1 day') AS d(day)
  WHERE NOT EXISTS (SELECT 1 FROM patrol_days_done p WHERE p.district_code = district AND p.day = d.day::date);
  IF missing IS NULL THEN RETURN; END IF;
  INSERT INTO stretch_patrol_days (stretch_id, district_code, day)
  SELECT x.stretch_id, x.district_code, x.day FROM patrol_days_of(district, ARRAY(
    SELECT t.id FROM patrol_tracks t
    WHERE t.district_code = district
      AND t.started_at < ((d1 + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AND t.ended_at >= ((d0 - 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
      AND EXISTS (SELECT 1 FROM unnest(missing) AS m(day)
        WHERE m.day BETWEEN (t.started_at AT TIME ZONE 'Asia/Shanghai')::date AND (t.ended_at AT TIME ZONE 'Asia/Shanghai')::date))) x
  WHERE x.day = ANY (missing)
  ON CONFLICT DO NOTHING;
  INSERT INTO patrol_days_done (district_code, day) SELECT district, m FROM unnest(missing) AS m ON CONFLICT DO NOTHING;
  -- Fresh statistics for the readers (the table may have grown from nothing).
  ANALYZE stretch_patrol_days;
END $$;

-- The days (Asia/Shanghai) the given tracks touch are forgotten, with their coverage.
CREATE FUNCTION patrol_days_forget(tracks patrol_tracks[]) RETURNS void LANGUAGE sql AS $$
  WITH touched AS (
    SELECT DISTINCT r.district_code, d.day::date AS day FROM unnest(tracks) r
    CROSS JOIN LATERAL generate_series((r.started_at AT TIME ZONE 'Asia/Shanghai')::date, (r.ended_at AT TIME ZONE 'Asia/Shanghai')::date, interval '1 day') AS d(day)
  ), forgot AS (
    DELETE FROM patrol_days_done p USING touched t WHERE p.district_code = t.district_code AND p.day = t.day RETURNING p.district_code, p.day
  )
  DELETE FROM stretch_patrol_days s USING forgot f WHERE s.district_code = f.district_code AND s.day = f.day
$$;

-- Tracks written (their old and new days) are forgotten.
CREATE FUNCTION patrol_tracks_coverage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM patrol_days_forget(ARRAY(SELECT r::patrol_tracks FROM new_rows r)); END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM patrol_days_forget(ARRAY(SELECT r::patrol_tracks FROM old_rows r)); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER patrol_tracks_coverage_insert AFTER INSERT ON patrol_tracks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_tracks_coverage();
CREATE TRIGGER patrol_tracks_coverage_update AFTER UPDATE ON patrol_tracks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_tracks_coverage();
CREATE TRIGGER patrol_tracks_coverage_delete AFTER DELETE ON patrol_tracks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_tracks_coverage();

-- Stretches of the given streets; the district's worked-out days are forgotten (new
-- stretches have none yet).
CREATE FUNCTION street_stretches_build(district char(6), street_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM patrol_days_done p WHERE p.district_code = district;
  DELETE FROM stretch_patrol_days p WHERE p.district_code = district;
  DELETE FROM street_stretches s WHERE s.district_code = district AND s.street_id = ANY (street_ids);
  WITH sized AS (
    SELECT s.district_code, s.id, s.geom, greatest(1, ceil(ST_Length(s.geom::geography) / patrol_stretch_m()))::int AS n
    FROM streets s WHERE s.district_code = district AND s.id = ANY (street_ids)
  ), cut AS (
    SELECT district_code, id, i, n, ST_LineSubstring(geom, i::float8 / n, (i + 1)::float8 / n) AS geom
    FROM sized, generate_series(0, n - 1) AS i
  )
  INSERT INTO street_stretches (district_code, street_id, seq, n, length_m, geom, mid)
  SELECT district_code, id, i, n, ST_Length(geom::geography), geom, ST_LineInterpolatePoint(geom, 0.5) FROM cut;
END $$;

CREATE FUNCTION streets_stretches() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT district_code, array_agg(id) AS ids FROM new_rows GROUP BY district_code LOOP
    PERFORM street_stretches_build(r.district_code, r.ids);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER streets_stretches_insert AFTER INSERT ON streets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION streets_stretches();
CREATE TRIGGER streets_stretches_update AFTER UPDATE ON streets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION streets_stretches();

-- The streets already there.
SELECT street_stretches_build(d.district_code, ARRAY(SELECT s.id FROM streets s WHERE s.district_code = d.district_code))
FROM (SELECT DISTINCT district_code FROM streets) d;
