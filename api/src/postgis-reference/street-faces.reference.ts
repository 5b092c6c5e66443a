/**
 * PostGIS as the reference for street blocks: its faces of a set of lines inside a boundary,
 * and measures comparing two sets of faces. Areas in m², lengths in metres, on the spheroid
 * (geography). A face "lies within" another when the part of it outside the other is at
 * most `toleranceM` × its perimeter: a face whose nodes moved up to d metres (a grid's
 * rounding) differs from the original by about d × perimeter, however small the face.
 *
 * The reference nodes first and clips after: ST_Node over the lines and the boundary's rings
 * together, the pieces whose midpoint lies in the boundary (within 1e-9° ≈ 0.1 mm, so the
 * rings' own pieces stay), ST_Polygonize, the faces inside the boundary (an enclave's hole
 * polygonizes too). Clipping first (ST_Intersection, then ST_Node) leaves each street's cut
 * end a hair off the boundary, which ST_Node does not join: on the Shanghai roads that loses
 * 28 of 261 faces.
 *
 * Overlays run on a 1e-9° grid (OverlayNG with a precision): on the embedded database
 * (PostGIS 3.6 / GEOS 3.14 in WebAssembly) a floating overlay of two nearly equal faces that
 * needs GEOS's fallback returns no row at all instead of a result or an error, while on a grid
 * it never needs one. A query that still returns no row throws here.
 */
import type { LineString, Polygon } from 'geojson';
import type { Db } from '../db/db.types.js';

const multiLine = (lines: readonly LineString[]): string =>
  JSON.stringify({ type: 'MultiLineString', coordinates: lines.map((l) => l.coordinates) });

/** PostGIS's faces of `lines` inside `boundary` (holes are edges, and outside). */
export async function referenceFaces(db: Db, boundary: Polygon, lines: readonly LineString[]): Promise<Polygon[]> {
  const { rows } = await db.query<{ g: string }>(
    `WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326) AS g),
          l AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($2::text), 4326) AS g),
          noded AS (SELECT (ST_Dump(ST_Node(ST_CollectionExtract(ST_Collect(l.g, ST_Boundary(b.g)), 2)))).geom AS g FROM l, b),
          inside AS (SELECT n.g FROM noded n, b WHERE ST_DWithin(b.g, ST_LineInterpolatePoint(n.g, 0.5), 1e-9)),
          faces AS (SELECT (ST_Dump(ST_Polygonize(g))).geom AS g FROM inside)
     SELECT ST_AsGeoJSON(f.g) AS g FROM faces f, b WHERE ST_Covers(b.g, ST_PointOnSurface(f.g))`,
    [JSON.stringify(boundary), multiLine(lines)],
  );
  if (rows.length === 0) throw new Error('referenceFaces: PostGIS returned no face');
  return rows.map((r) => JSON.parse(r.g) as Polygon);
}

/** Grid of the overlays, degrees (about 0.1 mm). */
const GRID = 1e-9;

export interface FaceComparison {
  faces: number;
  refFaces: number;
  /** Area of (union of faces) △ boundary, m². */
  symDiffM2: number;
  /** Total area where two faces overlap, m². */
  overlapM2: number;
  /** Reference faces lying within one face. */
  refWithinOne: number;
  /** Faces lying within one reference face. */
  facesWithinOne: number;
  /** Over face/reference pairs each within the other: largest |area difference| ÷ reference perimeter, metres. */
  maxAreaDiffPerPerimeterM: number;
  /** ...and the largest |area difference|, m². */
  maxAreaDiffM2: number;
}

/**
 * Compares `faces` with `ref` (both tiling `boundary`, `[lng, lat]`).
 *
 * @example
 * const c = await compareFaces(db, boundary, blocks.faces, await referenceFaces(db, boundary, streets), 0.0071);
 */
export async function compareFaces(
  db: Db,
  boundary: Polygon,
  faces: readonly Polygon[],
  ref: readonly Polygon[],
  toleranceM: number,
): Promise<FaceComparison> {
  const { rows } = await db.query<FaceComparison>(
    `WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326) AS g),
          m AS (SELECT ord AS i, ST_SetSRID(ST_GeomFromGeoJSON(value::text), 4326) AS g FROM json_array_elements($2::json) WITH ORDINALITY AS t(value, ord)),
          r AS (SELECT ord AS i, ST_SetSRID(ST_GeomFromGeoJSON(value::text), 4326) AS g FROM json_array_elements($3::json) WITH ORDINALITY AS t(value, ord)),
          raw AS (
            SELECT m.i AS mi, r.i AS ri, ST_Area(m.g::geography) AS m_area, ST_Area(r.g::geography) AS r_area,
                   ST_Area(ST_Intersection(m.g, r.g, ${GRID})::geography) AS common, ST_Perimeter(m.g::geography) AS m_perimeter, ST_Perimeter(r.g::geography) AS r_perimeter
            FROM m JOIN r ON ST_Intersects(m.g, r.g)),
          pairs AS (
            SELECT mi, ri, m_area - common <= $4 * m_perimeter AS m_within, r_area - common <= $4 * r_perimeter AS r_within,
                   abs(m_area - r_area) AS diff, r_perimeter AS perimeter
            FROM raw)
     SELECT (SELECT count(*) FROM m)::int AS "faces",
            (SELECT count(*) FROM r)::int AS "refFaces",
            (SELECT ST_Area(ST_SymDifference(ST_Union(m.g, ${GRID}), (SELECT g FROM b), ${GRID})::geography) FROM m) AS "symDiffM2",
            (SELECT coalesce(sum(ST_Area(ST_Intersection(a.g, c.g, ${GRID})::geography)), 0) FROM m a JOIN m c ON a.i < c.i AND ST_Intersects(a.g, c.g)) AS "overlapM2",
            (SELECT count(DISTINCT ri) FROM pairs WHERE r_within)::int AS "refWithinOne",
            (SELECT count(DISTINCT mi) FROM pairs WHERE m_within)::int AS "facesWithinOne",
            (SELECT coalesce(max(diff / perimeter), 0) FROM pairs WHERE r_within AND m_within) AS "maxAreaDiffPerPerimeterM",
            (SELECT coalesce(max(diff), 0) FROM pairs WHERE r_within AND m_within) AS "maxAreaDiffM2"`,
    [JSON.stringify(boundary), JSON.stringify(faces), JSON.stringify(ref), toleranceM],
  );
  if (!rows[0]) throw new Error('compareFaces: PostGIS returned no row');
  return rows[0];
}

/**
 * How many of `points` PostGIS finds inside `boundary`, and inside the face `faceOf` gives
 * each (ST_Covers: a point on an edge counts for both faces). With faces that cover the
 * boundary without overlap, that is the face holding the point.
 */
export async function pointsInFaces(
  db: Db,
  boundary: Polygon,
  faces: readonly Polygon[],
  points: readonly (readonly [number, number])[],
  faceOf: readonly number[],
): Promise<{ points: number; inBoundary: number; inTheirFace: number }> {
  const { rows } = await db.query<{ points: number; inBoundary: number; inTheirFace: number }>(
    `WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326) AS g),
          f AS (SELECT ord - 1 AS i, ST_SetSRID(ST_GeomFromGeoJSON(value::text), 4326) AS g FROM json_array_elements($2::json) WITH ORDINALITY AS t(value, ord)),
          p AS (SELECT (value->>0)::int AS fi, ST_SetSRID(ST_MakePoint((value->1->>0)::float8, (value->1->>1)::float8), 4326) AS g FROM json_array_elements($3::json) AS t(value))
     SELECT count(*)::int AS "points", count(*) FILTER (WHERE ST_Covers(b.g, p.g))::int AS "inBoundary", count(*) FILTER (WHERE ST_Covers(f.g, p.g))::int AS "inTheirFace"
     FROM p CROSS JOIN b LEFT JOIN f ON f.i = p.fi`,
    [JSON.stringify(boundary), JSON.stringify(faces), JSON.stringify(points.map((p, i) => [faceOf[i], p]))],
  );
  if (!rows[0]) throw new Error('pointsInFaces: PostGIS returned no row');
  return rows[0];
}
