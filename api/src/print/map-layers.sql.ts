/**
 * The layers of a printed map read from PostGIS: for a region (district, subdistrict or
 * community code) its current grids, its outline, and the streets and buildings inside its
 * box; for a grid code that grid with its neighbours, its community's outline and what lies
 * around it. Geometry is simplified to half a user unit of the target map (so a district map
 * does not carry every vertex), and buildings are left out above `maxBuildings` (a district
 * overview at A4 shows grids, not 80 000 footprints) — `buildingsOmitted` says so.
 */
import type { Db } from '../db/db.types.js';
import type { LngLatBBox } from './map-frame.js';
import { padBBox } from './map-frame.js';
import type { MapGrid, MapLayers, MapStreet } from './svg-map.js';

export class MapRegionNotFound extends Error {
  constructor(readonly code: string) {
    super(`no region or current grid has the code ${code}`);
    this.name = 'MapRegionNotFound';
  }
}

export interface MapLayersRequest {
  /** A 6/9/12-digit region code or a 15-digit grid code. */
  code: string;
  /** The map's width in user units: sets the simplification. Default 1000. */
  width?: number;
  /** Per grid code, the choropleth's value. */
  values?: ReadonlyMap<string, number | null>;
  /** Default 20 000. */
  maxBuildings?: number;
}

export interface LoadedMapLayers {
  layers: MapLayers;
  /** The area to show: the region's box, or the grid's padded box. */
  bbox: LngLatBBox;
  kind: 'region' | 'grid';
  districtCode: string;
  name: string;
  /** True when the buildings were left out for their number. */
  buildingsOmitted: boolean;
}

interface BoxRow {
  district_code: string;
  name: string;
  outline: string | null;
  w: number;
  s: number;
  e: number;
  n: number;
}

async function findBox(db: Db, code: string): Promise<BoxRow & { kind: 'region' | 'grid' }> {
  if (/^\d{15}$/.test(code)) {
    const { rows } = await db.query<BoxRow>(
      `SELECT g.district_code, g.name, ST_AsGeoJSON(r.boundary, 7) AS outline,
              ST_XMin(g.geometry) AS w, ST_YMin(g.geometry) AS s, ST_XMax(g.geometry) AS e, ST_YMax(g.geometry) AS n
         FROM current_grids g
         JOIN regions r ON r.district_code = g.district_code AND r.code = g.community_code
        WHERE g.district_code = left($1, 6) AND g.code = $1`,
      [code],
    );
    if (!rows[0]) throw new MapRegionNotFound(code);
    return { ...rows[0], kind: 'grid' };
  }
  const { rows } = await db.query<BoxRow>(
    `SELECT district_code, name, ST_AsGeoJSON(boundary, 7) AS outline,
            ST_XMin(boundary) AS w, ST_YMin(boundary) AS s, ST_XMax(boundary) AS e, ST_YMax(boundary) AS n
       FROM regions WHERE district_code = left($1, 6) AND code = $1`,
    [code],
  );
  if (!rows[0]) throw new MapRegionNotFound(code);
  return { ...rows[0], kind: 'region' };
}

export async function loadMapLayers(db: Db, request: MapLayersRequest): Promise<LoadedMapLayers> {
  const box = await findBox(db, request.code);
  const exact: LngLatBBox = [box.w, box.s, box.e, box.n];
  const bbox = box.kind === 'grid' ? padBBox(exact, 0.12) : exact;
  const width = request.width ?? 1000;
  const tolerance = ((bbox[2] - bbox[0]) / width) * 0.5;
  const envelope = `ST_MakeEnvelope($2::float8, $3::float8, $4::float8, $5::float8, 4326)`;
  const params = [box.district_code, ...bbox, tolerance];

  const gridSql =
    box.kind === 'grid'
      ? `SELECT code, name, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geometry, $6::float8), 7) AS geom
           FROM current_grids WHERE district_code = $1 AND geometry && ${envelope} ORDER BY code`
      : `SELECT code, name, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geometry, $2::float8), 7) AS geom
           FROM current_grids WHERE district_code = $1 AND community_code LIKE $3 || '%' ORDER BY code`;
  const grids = await db.query<{ code: string; name: string; geom: string }>(
    gridSql,
    box.kind === 'grid' ? params : [box.district_code, tolerance, request.code],
  );
  const streets = await db.query<{ name: string; class: MapStreet['class']; geom: string }>(
    // Clipped to the map's box, so a street's name goes on the part that is on the page.
    `SELECT name, class, ST_AsGeoJSON(ST_Simplify(ST_CollectionExtract(ST_Intersection(geom, ${envelope}), 2), $6::float8), 7) AS geom
       FROM streets WHERE district_code = $1 AND geom && ${envelope} AND ST_Intersects(geom, ${envelope}) ORDER BY id`,
    params,
  );
  const maxBuildings = request.maxBuildings ?? 20_000;
  const count = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM buildings WHERE district_code = $1 AND footprint && ${envelope}`,
    params.slice(0, 5),
  );
  const buildingsOmitted = (count.rows[0]?.n ?? 0) > maxBuildings;
  const buildings = buildingsOmitted
    ? { rows: [] }
    : await db.query<{ geom: string }>(
        `SELECT ST_AsGeoJSON(ST_SimplifyPreserveTopology(footprint, $6::float8), 7) AS geom
           FROM buildings WHERE district_code = $1 AND footprint && ${envelope} ORDER BY id`,
        params,
      );

  const mapGrids: MapGrid[] = grids.rows.map((g) => ({
    code: g.code,
    name: g.name,
    geometry: JSON.parse(g.geom) as MapGrid['geometry'],
    ...(request.values ? { value: request.values.get(g.code) ?? null } : {}),
  }));
  return {
    layers: {
      grids: mapGrids,
      streets: streets.rows.map((s) => ({ name: s.name, class: s.class, geometry: JSON.parse(s.geom) as MapStreet['geometry'] })),
      buildings: buildings.rows.map((b) => JSON.parse(b.geom) as MapLayers['buildings'][number]),
      outline: box.outline ? (JSON.parse(box.outline) as MapLayers['outline']) : null,
    },
    bbox,
    kind: box.kind,
    districtCode: box.district_code,
    name: box.name,
    buildingsOmitted,
  };
}
