/**
 * Builds a GeoJSON FeatureCollection inside PostgreSQL and returns it as one JSON text, so
 * large layers go from the database to the socket without a parse/serialise round in JS.
 * Coordinates: `[lng, lat]` degrees WGS84, 6 decimals (about 0.1 m).
 */
import type { Db } from '../db/db.types.js';

export interface FeatureQuery {
  /** Numeric expression for the Feature's top-level `id`. */
  id: string;
  geometry: string;
  /** `json_build_object(...)` of the properties. */
  properties: string;
  /** `FROM … WHERE …` (with `$n` parameters). */
  from: string;
  orderBy: string;
}

export async function featureCollection(db: Db, q: FeatureQuery, params: readonly unknown[]): Promise<string> {
  const r = await db.query<{ body: string }>(
    `SELECT json_build_object(
       'type', 'FeatureCollection',
       'features', coalesce(json_agg(json_build_object(
         'type', 'Feature', 'id', f.id, 'geometry', f.geometry, 'properties', f.properties) ORDER BY f.ord), '[]'::json)
     )::text AS body
     FROM (
       SELECT ${q.id} AS id, ST_AsGeoJSON(${q.geometry}, 6)::json AS geometry, ${q.properties} AS properties,
         row_number() OVER (ORDER BY ${q.orderBy}) AS ord
       ${q.from}
     ) f`,
    params,
  );
  return r.rows[0]?.body ?? '{"type":"FeatureCollection","features":[]}';
}
