-- Patrol coverage kept up to date by triggers, so coverage and dead corners read an index
-- instead of testing every street sample against a month of tracks.
--
--   street_stretches     every street cut into equal stretches of at most 5 m; a stretch is
--                        judged by its midpoint (`mid`)
--   stretch_patrol_days  (stretch, day) for each Asia/Shanghai day on which a fix of a patrol
--                        track came within 30 m of the stretch's midpoint
--
-- Streets inserted get their stretches (and the days of the tracks already there); tracks
-- inserted add their days; tracks deleted or updated have their days recomputed from the
-- tracks that remain. "Within 30 m" is on the sphere, as in the coverage route.

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

-- (stretch, day) pairs of the given tracks, each track cut per day.
CREATE FUNCTION patrol_days_of(district char(6), track_ids bigint[]) RETURNS TABLE (stretch_id bigint, district_code char(6), day date)
LANGUAGE sql STABLE AS $$
  SELECT DISTINCT s.id, t.district_code, d.day::date
  FROM patrol_tracks t
  CROSS JOIN LATERAL generate_series((t.started_at AT TIME ZONE 'Asia/Shanghai')::date, (t.ended_at AT TIME ZONE 'Asia/Shanghai')::date, interval '1 day') AS d(day)
  CROSS JOIN LATERAL (SELECT track_on_day(t.geom, t.started_at, t.ended_at, d.day::date) AS g) piece
  JOIN street_stretches s ON s.district_code = t.district_code
    -- 0.0004°/cos(lat) ≥ 30 m in any direction: a planar prefilter that uses the index.
    AND s.mid && ST_Expand(piece.g, 0.0004 / greatest(cos(radians(ST_YMin(piece.g))), 0.05))
    AND ST_DWithin(piece.g::geography, s.mid::geography, patrol_reach_m(), false)
  WHERE t.district_code = district AND t.id = ANY (track_ids) AND NOT ST_IsEmpty(piece.g)
$$;

CREATE FUNCTION patrol_days_refresh(district char(6), days date[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM stretch_patrol_days p WHERE p.district_code = district AND p.day = ANY (days);
  INSERT INTO stretch_patrol_days (stretch_id, district_code, day)
  SELECT x.stretch_id, x.district_code, x.day FROM patrol_days_of(district, ARRAY(
    SELECT t.id FROM patrol_tracks t
    WHERE t.district_code = district AND EXISTS (
      SELECT 1 FROM unnest(days) AS d(day)
      WHERE d.day BETWEEN (t.started_at AT TIME ZONE 'Asia/Shanghai')::date AND (t.ended_at AT TIME ZONE 'Asia/Shanghai')::date))) x
  WHERE x.day = ANY (days)
  ON CONFLICT DO NOTHING;
END $$;

CREATE FUNCTION patrol_tracks_coverage() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR r IN SELECT district_code, array_agg(id) AS ids FROM new_rows GROUP BY district_code LOOP
      INSERT INTO stretch_patrol_days (stretch_id, district_code, day)
      SELECT x.stretch_id, x.district_code, x.day FROM patrol_days_of(r.district_code, r.ids) x
      ON CONFLICT DO NOTHING;
    END LOOP;
  ELSE
    -- Deleted or changed tracks: recompute their days from the tracks there now.
    FOR r IN
      SELECT o.district_code, array_agg(DISTINCT d.day::date) AS days
      FROM old_rows o
      CROSS JOIN LATERAL generate_series((o.started_at AT TIME ZONE 'Asia/Shanghai')::date, (o.ended_at AT TIME ZONE 'Asia/Shanghai')::date, interval '1 day') AS d(day)
      GROUP BY o.district_code
    LOOP
      IF NOT EXISTS (SELECT 1 FROM patrol_tracks t WHERE t.district_code = r.district_code) THEN
        DELETE FROM stretch_patrol_days p WHERE p.district_code = r.district_code;
      ELSE
        PERFORM patrol_days_refresh(r.district_code, r.days);
      END IF;
    END LOOP;
    IF TG_OP = 'UPDATE' THEN
      FOR r IN SELECT district_code, array_agg(id) AS ids FROM new_rows GROUP BY district_code LOOP
        INSERT INTO stretch_patrol_days (stretch_id, district_code, day)
        SELECT x.stretch_id, x.district_code, x.day FROM patrol_days_of(r.district_code, r.ids) x
        ON CONFLICT DO NOTHING;
      END LOOP;
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER patrol_tracks_coverage_insert AFTER INSERT ON patrol_tracks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_tracks_coverage();
CREATE TRIGGER patrol_tracks_coverage_update AFTER UPDATE ON patrol_tracks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_tracks_coverage();
CREATE TRIGGER patrol_tracks_coverage_delete AFTER DELETE ON patrol_tracks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_tracks_coverage();

-- Stretches of the given streets, and the days of the tracks already there near them.
CREATE FUNCTION street_stretches_build(district char(6), street_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM street_stretches s WHERE s.district_code = district AND s.street_id = ANY (street_ids);
  WITH sized AS (
    SELECT s.district_code, s.id, s.geom, ST_Length(s.geom::geography) AS len,
      greatest(1, ceil(ST_Length(s.geom::geography) / patrol_stretch_m()))::int AS n
    FROM streets s WHERE s.district_code = district AND s.id = ANY (street_ids)
  ), cut AS (
    SELECT district_code, id, i, n, ST_LineSubstring(geom, i::float8 / n, (i + 1)::float8 / n) AS geom
    FROM sized, generate_series(0, n - 1) AS i
  ), made AS (
    INSERT INTO street_stretches (district_code, street_id, seq, n, length_m, geom, mid)
    SELECT district_code, id, i, n, ST_Length(geom::geography), geom, ST_LineInterpolatePoint(geom, 0.5) FROM cut
    RETURNING id, district_code, mid
  )
  INSERT INTO stretch_patrol_days (stretch_id, district_code, day)
  SELECT DISTINCT m.id, m.district_code, d.day::date
  FROM made m
  JOIN patrol_tracks t ON t.district_code = m.district_code
    AND t.geom && ST_Expand(m.mid, 0.0004 / greatest(cos(radians(ST_Y(m.mid))), 0.05))
  CROSS JOIN LATERAL generate_series((t.started_at AT TIME ZONE 'Asia/Shanghai')::date, (t.ended_at AT TIME ZONE 'Asia/Shanghai')::date, interval '1 day') AS d(day)
  WHERE ST_DWithin(track_on_day(t.geom, t.started_at, t.ended_at, d.day::date)::geography, m.mid::geography, patrol_reach_m(), false)
  ON CONFLICT DO NOTHING;
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

-- The streets and tracks already there.
SELECT street_stretches_build(d.district_code, ARRAY(SELECT s.id FROM streets s WHERE s.district_code = d.district_code))
FROM (SELECT DISTINCT district_code FROM streets) d;
