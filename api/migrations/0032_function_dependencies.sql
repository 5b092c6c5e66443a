-- mercator_tile_key (a stored generated column of incidents, 0026) calls morton_spread31 and
-- the mercator_cell31_* functions from a body PostgreSQL kept as text, so it recorded no
-- dependency on them, and pg_dump wrote the incidents table before morton_spread31: a restore
-- of any backup failed at CREATE TABLE ("function morton_spread31(integer) does not exist").
-- A SQL-standard body is parsed when the function is created: the dependencies are recorded,
-- pg_dump orders the functions first, and the function is still inlined. Same result, bit for bit.
CREATE OR REPLACE FUNCTION mercator_tile_key(p geometry) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT morton_spread31(mercator_cell31_x(p)) | (morton_spread31(mercator_cell31_y(p)) << 1);
END;
