/**
 * Files a district office in Wuhan's 洪山区 might bring, made from the real data in
 * `../shared/data/real` (never copied into the repo): the district boundary as web maps ship it
 * (GCJ-02, coarse), communities derived from the OSM roads (the faces of the noded roads and the
 * tiles' extent, clustered into 8 groups and split into single polygons, all of one subdistrict, 关山街道, four with
 * names from the national list and four without), the OSM buildings as tiled (pieces cut at
 * tile edges share their id; a few are points) and the roads.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import type { Db } from '../db/db.types.js';
import { REAL_DATA } from '../import/formats/layer.fixture.js';

/** The 13 districts of Wuhan as a web-map package ships them (GCJ-02, coarse). */
export const WUHAN_DISTRICTS = join(REAL_DATA, 'wuhan-districts-echarts.geojson');
const TILES = join(REAL_DATA, 'wuhan-hongshan-osm-tiles.geojson');
const EXTENT = join(REAL_DATA, 'wuhan-hongshan-extent.geojson');

/** Four official community names of 关山街道 (420111002) first, then names an office made up. */
const OFFICIAL_NAMES = ['海核社区', '南望社区', '邮科院社区', '湖电社区'];
const MADE_UP = [
  '光谷东社区',
  '光谷西社区',
  '鲁巷北社区',
  '鲁巷南社区',
  '珞喻东社区',
  '珞喻西社区',
  '关山北社区',
  '关山南社区',
  '民族大道社区',
  '光谷广场社区',
  '虎泉东社区',
  '虎泉西社区',
];
const STREET_KINDS = new Set(['major_road', 'minor_road', 'path']);

export interface WuhanFiles {
  communities: string;
  buildings: string;
  roads: string;
  /** Distinct building ids among the footprints and points. */
  buildingIds: number;
  /** Building features (pieces) in the file. */
  buildingPieces: number;
  /** Communities in the file (each one polygon). */
  communityCount: number;
}

function collection(features: Feature[]): string {
  return JSON.stringify({ type: 'FeatureCollection', features } satisfies FeatureCollection);
}

/** Writes the files into `dir`; `db` (any migrated PostGIS, nothing is written to it) cuts the communities. */
export async function makeWuhanFiles(dir: string, db: Db): Promise<WuhanFiles> {
  const tiles = JSON.parse(readFileSync(TILES, 'utf8')) as FeatureCollection;
  const extent = (JSON.parse(readFileSync(EXTENT, 'utf8')) as FeatureCollection).features[0]!.geometry;
  const roads = tiles.features.filter((f) => f.properties?.layer === 'roads' && STREET_KINDS.has(String(f.properties?.kind)));
  const buildings = tiles.features.filter(
    (f) => f.properties?.layer === 'buildings' && ['building', 'building_part'].includes(String(f.properties?.kind)),
  );
  // Faces of the noded roads within the extent, clustered by position into 8 communities.
  const faces = await db.query<{ g: unknown }>(
    `WITH e AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($2), 4326) AS g),
     l AS (SELECT ST_CollectionExtract(ST_Intersection(r.g, e.g), 2) AS g FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(x), 4326) AS g FROM json_array_elements_text($1::json) AS x) r, e WHERE ST_Intersects(r.g, e.g)),
     n AS (SELECT ST_Union(ARRAY(SELECT g FROM l WHERE NOT ST_IsEmpty(g) UNION ALL SELECT ST_Boundary(e.g) FROM e)) AS g),
     f AS (SELECT (ST_Dump(ST_Polygonize(n.g))).geom AS g FROM n),
     c AS (SELECT ST_ClusterKMeans(ST_PointOnSurface(g), 8) OVER (ORDER BY ST_XMin(g), ST_YMin(g)) AS cluster, g FROM f)
     SELECT ST_AsGeoJSON((ST_Dump(u)).geom, 9)::json AS g FROM (SELECT cluster, ST_Union(g) AS u FROM c GROUP BY cluster) k ORDER BY cluster`,
    [JSON.stringify(roads.map((r) => JSON.stringify(r.geometry))), JSON.stringify(extent)],
  );
  const communities: Feature[] = faces.rows.map((r, i) => ({
    type: 'Feature',
    properties: { 名称: [...OFFICIAL_NAMES, ...MADE_UP][i]!, 所属街道: '关山街道' },
    geometry: r.g as Feature['geometry'],
  }));
  const files = {
    communities: join(dir, 'communities.geojson'),
    buildings: join(dir, 'buildings.geojson'),
    roads: join(dir, 'roads.geojson'),
  };
  writeFileSync(files.communities, collection(communities));
  // Each building carries the code the registry keys it by (pieces share it, as they share the id).
  writeFileSync(
    files.buildings,
    collection(buildings.map((b) => ({ ...b, properties: { ...b.properties, 楼栋编码: `HS${b.properties?.id}` } }))),
  );
  writeFileSync(files.roads, collection(roads));
  return {
    ...files,
    buildingIds: new Set(buildings.map((b) => b.properties?.id)).size,
    buildingPieces: buildings.length,
    communityCount: communities.length,
  };
}
