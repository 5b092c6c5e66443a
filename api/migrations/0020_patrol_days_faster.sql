-- Patrol days worked out faster (migration 0017 took ≈ 7–16 ms per track):
--
-- * each day's piece of a long track is cut into parts of at most 128 vertices (ST_Subdivide),
--   so the index finds the stretches near each part, not every stretch in the track's box
--   (finer parts match the same stretches many times over: 128 was fastest both for the demo's
--   ~26-fix tracks and for 1,000-fix ones);
-- * "within 30 m" is decided on a local equirectangular plane (longitudes scaled by the cosine
--   of the stretch midpoint's latitude, degrees of a great circle on the mean sphere): for distances of
--   tens of metres it agrees with the sphere to well under a millimetre, at a fraction of
--   the cost of a geography distance;
-- * the work runs without JIT compilation, which took ~0.5 s per call on estimates that
--   large sets of stretches make huge.

-- Metres in one degree of a great circle on the mean sphere (radius 6,371,008.8 m), as
-- geography's ST_Distance(..., false) uses.
CREATE FUNCTION sphere_m_per_degree() RETURNS float8 LANGUAGE sql IMMUTABLE AS $$ SELECT 6371008.8 * pi() / 180 $$;

CREATE OR REPLACE FUNCTION patrol_days_of(district char(6), track_ids bigint[]) RETURNS TABLE (stretch_id bigint, district_code char(6), day date)
LANGUAGE sql STABLE AS $$
  SELECT DISTINCT s.id, part.district_code, part.day
  FROM (
    SELECT piece.district_code, piece.day, p.g, cos(radians(ST_Y(ST_Centroid(p.g)))) AS k
    FROM (
      SELECT t.district_code, d.day::date AS day, ST_Simplify(track_on_day(t.geom, t.started_at, t.ended_at, d.day::date), 0.00001, true) AS g
      FROM patrol_tracks t
      CROSS JOIN LATERAL generate_series((t.started_at AT TIME ZONE 'Asia/Shanghai')::date, (t.ended_at AT TIME ZONE 'Asia/Shanghai')::date, interval '1 day') AS d(day)
      WHERE t.district_code = district AND t.id = ANY (track_ids)
    ) piece
    CROSS JOIN LATERAL ST_Subdivide(piece.g, 128) AS p(g)
    WHERE NOT ST_IsEmpty(piece.g)
  ) part
  JOIN street_stretches s ON s.district_code = part.district_code
    AND ST_DWithin(part.g, s.mid, 0.0004 / greatest(part.k, 0.05))
    AND ST_DWithin(ST_Scale(part.g, cos(radians(ST_Y(s.mid))), 1), ST_Scale(s.mid, cos(radians(ST_Y(s.mid))), 1), patrol_reach_m() / sphere_m_per_degree())
$$;

ALTER FUNCTION patrol_days_ensure(char(6), date, date) SET jit = off;

-- The latest track recorded for a grid, newest first (coverage's "days since the last patrol").
CREATE INDEX patrol_tracks_grid_ended_idx ON patrol_tracks (district_code, grid_code, ended_at DESC);
