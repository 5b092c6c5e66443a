-- Vector tiles of incidents read their points from one covering B-tree, index-only, instead
-- of a GiST search, a fetch of every row from the table and a projection per point.
--
-- Each incident keeps its Web-Mercator position on a grid of 2^31 × 2^31 cells over the world
-- (1.9 cm at the equator): tile_x from the west, tile_y from the north, as tiles count. Its
-- tile_key interleaves their bits (Morton / Z-order, x in the even bits), so every map tile
-- (z, x, y) of zoom ≤ 31 is one contiguous range of keys: [m << 2(31 − z), (m + 1) << 2(31 − z))
-- where m interleaves x and y. A point's place in a tile of zoom z ≤ 19 (extent 4096 = 2^12)
-- is a shift of tile_x / tile_y, rounded: what ST_AsMVTGeom gives, except for a point within
-- 1.9 cm of a pixel's half (which it rounds to even).
--
-- thinning is how many thinning levels keep the incident: one in 4^k incidents is kept at
-- level k, those whose hashint8(id) has its low 2k bits zero (as the partial indexes of 0016
-- chose them), so thinning = the number of zero bit pairs at the low end, at most 8. A tile at
-- level k reads thinning = k, k + 1, …, 8: one index descent each, whatever k is.
--
-- reported_day is the day a feature says it was reported (YYYY-MM-DD in Asia/Shanghai), kept
-- so a tile does not format a date per point: to_char took a quarter of a dense tile's time.
--
-- The partial GiST indexes of 0016, one per thinning level, served only the tiles; they go.

CREATE FUNCTION mercator_cell31_x(p geometry) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT least(greatest(floor((ST_X(p) + 180) / 360 * 2147483648), 0), 2147483647)::integer
$$;

CREATE FUNCTION mercator_cell31_y(p geometry) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT least(greatest(floor((0.5 - ln(tan(pi() / 4 + radians(ST_Y(p)) / 2)) / (2 * pi())) * 2147483648), 0), 2147483647)::integer
$$;

-- The low 31 bits of v spread to the even bits of the result (bit i → bit 2i).
CREATE FUNCTION morton_spread31(v bigint) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  v := v & 2147483647;
  v := (v | (v << 16)) & 281470681808895;        -- 0x0000FFFF0000FFFF
  v := (v | (v << 8)) & 71777214294589695;       -- 0x00FF00FF00FF00FF
  v := (v | (v << 4)) & 1085102592571150095;     -- 0x0F0F0F0F0F0F0F0F
  v := (v | (v << 2)) & 3689348814741910323;     -- 0x3333333333333333
  v := (v | (v << 1)) & 6148914691236517205;     -- 0x5555555555555555
  RETURN v;
END
$$;

CREATE FUNCTION mercator_tile_key(p geometry) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT morton_spread31(mercator_cell31_x(p)) | (morton_spread31(mercator_cell31_y(p)) << 1)
$$;

CREATE FUNCTION incident_thinning(id bigint) RETURNS smallint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE
    WHEN (hashint8(id) & 65535) = 0 THEN 8
    WHEN (hashint8(id) & 16383) = 0 THEN 7
    WHEN (hashint8(id) & 4095) = 0 THEN 6
    WHEN (hashint8(id) & 1023) = 0 THEN 5
    WHEN (hashint8(id) & 255) = 0 THEN 4
    WHEN (hashint8(id) & 63) = 0 THEN 3
    WHEN (hashint8(id) & 15) = 0 THEN 2
    WHEN (hashint8(id) & 3) = 0 THEN 1
    ELSE 0
  END::smallint
$$;

-- Built from immutable parts (to_char is only stable: some of its patterns read the locale).
CREATE FUNCTION shanghai_day_label(t timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT lpad(date_part('year', l)::int::text, 4, '0') || '-' || lpad(date_part('month', l)::int::text, 2, '0') || '-' || lpad(date_part('day', l)::int::text, 2, '0')
  FROM (SELECT t AT TIME ZONE 'Asia/Shanghai' AS l) s
$$;

ALTER TABLE incidents
  ADD COLUMN tile_x integer GENERATED ALWAYS AS (mercator_cell31_x(location)) STORED,
  ADD COLUMN tile_y integer GENERATED ALWAYS AS (mercator_cell31_y(location)) STORED,
  ADD COLUMN tile_key bigint GENERATED ALWAYS AS (mercator_tile_key(location)) STORED,
  ADD COLUMN thinning smallint GENERATED ALWAYS AS (incident_thinning(id)) STORED,
  ADD COLUMN reported_day text GENERATED ALWAYS AS (shanghai_day_label(reported_at)) STORED;

CREATE INDEX incidents_tile_points ON incidents (district_code, thinning, tile_key)
  INCLUDE (id, reported_at, reported_day, community_code, category, channel, state, tile_x, tile_y);

DROP INDEX incidents_location_thin1_gist;
DROP INDEX incidents_location_thin2_gist;
DROP INDEX incidents_location_thin3_gist;
DROP INDEX incidents_location_thin4_gist;

-- Adding the columns rewrote the table: its pages are marked all-visible again, or the
-- tiles' index-only scans would visit the table for every row until autovacuum came by.
-- after: VACUUM ANALYZE incidents
