/**
 * Real street networks for tests and benchmarks, read from the public data beside the
 * checkout (`../shared/data/real`, or `GRIDATLAS_REAL_DATA`): never copied into the repo.
 *
 * - Wuhan (Hongshan): OSM roads from vector tiles (crossing without shared nodes, running
 *   past the extent, MultiLineStrings), the tiles' extent as boundary, 234 building points
 *   with estimated households.
 * - Shanghai (People's Square): OSM XML roads (796 ways) read with `readOsmStreets`, a test
 *   community drawn over them (`fixtures/shanghai-peoples-square-community.geojson`: wound
 *   clockwise, with an enclave hole), and buildings placed on a 50 m lattice inside it with
 *   deterministic households (4–20 each) — placed, not surveyed.
 *
 * Node only (reads files). Degrees `[lng, lat]`, households and persons counts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, LineString, MultiLineString, Point, Polygon } from 'geojson';
import { geometryBBox, metresPerDegree, pointInPolygon, readOsmStreets, type PlanUnit } from '@gridatlas/core';

/** Folder of the shared real data sets. */
export const REAL_DATA_DIR = process.env.GRIDATLAS_REAL_DATA ?? join(import.meta.dirname, '../../../shared/data/real');

/** The Shanghai test community (ours, drawn for tests). */
export const SHANGHAI_COMMUNITY_FILE = join(import.meta.dirname, '../fixtures/shanghai-peoples-square-community.geojson');

export interface StreetCase {
  name: string;
  boundary: Polygon;
  /** Street centrelines, MultiLineStrings split into their parts. */
  streets: LineString[];
  buildings: PlanUnit[];
  /** The files the case was read from (the buildings' only when they are a file). */
  files: { streets: string; boundary: string; buildings?: string };
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

function linesOf(features: readonly Feature[]): LineString[] {
  return features.flatMap((f) =>
    f.geometry.type === 'LineString'
      ? [f.geometry]
      : f.geometry.type === 'MultiLineString'
        ? (f.geometry as MultiLineString).coordinates.map((coordinates): LineString => ({ type: 'LineString', coordinates }))
        : [],
  );
}

/** Wuhan Hongshan: roads, extent and building points as the derived files give them. */
export function wuhanStreetCase(): StreetCase {
  const files = {
    streets: join(REAL_DATA_DIR, 'wuhan-hongshan-roads.geojson'),
    boundary: join(REAL_DATA_DIR, 'wuhan-hongshan-extent.geojson'),
    buildings: join(REAL_DATA_DIR, 'wuhan-hongshan-building-points.geojson'),
  };
  const points = readJson<FeatureCollection<Point, { id: string; households: number; persons: number }>>(files.buildings);
  return {
    name: 'wuhan-hongshan',
    boundary: readJson<FeatureCollection<Polygon>>(files.boundary).features[0]!.geometry,
    streets: linesOf(readJson<FeatureCollection>(files.streets).features),
    buildings: points.features.map((f) => ({
      id: String(f.properties.id),
      point: f.geometry.coordinates as [number, number],
      households: f.properties.households,
      persons: f.properties.persons,
    })),
    files,
  };
}

/** Buildings on a lattice of `spacingM` metres inside `boundary` (holes left out), households 4–20 from the index. */
export function latticeBuildings(boundary: Polygon, spacingM: number): PlanUnit[] {
  const [x0, y0, x1, y1] = geometryBBox(boundary);
  const k = metresPerDegree((y0 + y1) / 2);
  const buildings: PlanUnit[] = [];
  for (let row = 0, y = y0 + spacingM / 2 / k.y; y < y1; row++, y += spacingM / k.y) {
    // Every other row shifted half a step, so points do not line up with north–south streets.
    for (let x = x0 + ((row % 2 ? 1 : 0.5) * spacingM) / k.x; x < x1; x += spacingM / k.x) {
      const point: [number, number] = [x, y];
      if (!pointInPolygon(point, boundary)) continue;
      const i = buildings.length;
      const households = 4 + ((i * 7919) % 17);
      buildings.push({ id: `b${i + 1}`, point, households, persons: Math.round(households * 2.6) });
    }
  }
  return buildings;
}

/** Shanghai People's Square: OSM streets (street classes only), the test community, lattice buildings every 50 m. */
export function shanghaiStreetCase(): StreetCase {
  const files = { streets: join(REAL_DATA_DIR, 'shanghai-peoples-square-roads.osm'), boundary: SHANGHAI_COMMUNITY_FILE };
  const boundary = readJson<FeatureCollection<Polygon>>(files.boundary).features[0]!.geometry;
  const { streets } = readOsmStreets(readFileSync(files.streets, 'utf8'));
  return {
    name: 'shanghai-peoples-square',
    boundary,
    streets: streets.map((s) => s.geometry),
    buildings: latticeBuildings(boundary, 50),
    files,
  };
}
