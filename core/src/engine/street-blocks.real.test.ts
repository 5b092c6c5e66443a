/**
 * Street blocks from real networks (public data beside the checkout, `GRIDATLAS_REAL_DATA`):
 * the faces tile the whole boundary and every point inside finds its face. The face counts
 * are PostGIS's (ST_Node + ST_Polygonize, checked in api/src/postgis-reference/) less the
 * slivers merged.
 */
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, LineString, MultiLineString, Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geometryBBox, pointInPolygon } from '../geometry/point-in-polygon.js';
import { readOsmStreets } from '../io/osm-streets.js';
import { createRandom } from '../random.js';
import { localFrame, ringArea2 } from './local-frame.js';
import { streetBlocks, type StreetBlocks } from './street-blocks.js';

const real = (name: string): string | URL =>
  process.env.GRIDATLAS_REAL_DATA
    ? `${process.env.GRIDATLAS_REAL_DATA}/${name}`
    : new URL(`../../../../shared/data/real/${name}`, import.meta.url);
const json = <T>(path: string | URL): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const lines = (fc: FeatureCollection): LineString[] =>
  fc.features.flatMap((f: Feature) =>
    f.geometry.type === 'LineString'
      ? [f.geometry]
      : (f.geometry as MultiLineString).coordinates.map((coordinates): LineString => ({ type: 'LineString', coordinates })),
  );

/** Planar area and perimeter of the boundary in the blocks' own frame. */
function measure(boundary: Polygon): { area: number; perimeter: number } {
  const frame = localFrame(geometryBBox(boundary));
  let area = 0;
  let perimeter = 0;
  boundary.coordinates.forEach((r, i) => {
    const xy = r.map((p) => frame.toXY(p));
    area += (i === 0 ? 1 : -1) * Math.abs(ringArea2(xy) / 2);
    for (let k = 1; k < xy.length; k++) perimeter += Math.hypot(xy[k]![0] - xy[k - 1]![0], xy[k]![1] - xy[k - 1]![1]);
  });
  return { area, perimeter };
}

function expectCovers(blocks: StreetBlocks, boundary: Polygon, seed: number): void {
  const { area, perimeter } = measure(boundary);
  const sum = blocks.areas.reduce((s, a) => s + a, 0);
  // The 1 cm grid moves the boundary by at most 0.71 cm.
  expect(Math.abs(sum - area)).toBeLessThan(0.0071 * perimeter);
  const [x0, y0, x1, y1] = geometryBBox(boundary);
  const rand = createRandom(seed);
  let inside = 0;
  for (let i = 0; i < 3000; i++) {
    const p: [number, number] = [rand.range(x0, x1), rand.range(y0, y1)];
    const f = blocks.faceOf(p);
    if (!pointInPolygon(p, boundary)) continue;
    inside++;
    expect(f).toBeGreaterThanOrEqual(0);
    expect(blocks.faces.filter((g) => pointInPolygon(p, g))).toHaveLength(1);
  }
  expect(inside).toBeGreaterThan(1000);
}

describe('streetBlocks on Wuhan Hongshan roads (OSM vector tiles)', () => {
  const boundary = json<FeatureCollection<Polygon>>(real('wuhan-hongshan-extent.geojson')).features[0]!.geometry;
  const streets = lines(json(real('wuhan-hongshan-roads.geojson')));
  const buildings = json<FeatureCollection<Point>>(real('wuhan-hongshan-building-points.geojson')).features.map(
    (f) => f.geometry.coordinates,
  );

  it('covers the whole extent with the 72 faces PostGIS finds, and puts every building in one', () => {
    const blocks = streetBlocks(boundary, streets);
    expect(blocks.faces).toHaveLength(72);
    expectCovers(blocks, boundary, 1);
    expect(buildings.filter((p) => blocks.faceOf(p) < 0)).toEqual([]);
  });
});

describe("streetBlocks on Shanghai People's Square roads (OSM XML)", () => {
  const boundary = json<FeatureCollection<Polygon>>(
    new URL('../../../data/fixtures/shanghai-peoples-square-community.geojson', import.meta.url),
  ).features[0]!.geometry;
  const { streets } = readOsmStreets(readFileSync(real('shanghai-peoples-square-roads.osm'), 'utf8'));

  it('covers a clockwise community with an enclave: 261 faces as PostGIS, 19 slivers merged', () => {
    const blocks = streetBlocks(
      boundary,
      streets.map((s) => s.geometry),
    );
    expect(blocks.faces.length + blocks.planar.stats.slivers).toBe(261);
    expect(blocks.planar.stats.slivers).toBe(19);
    expectCovers(blocks, boundary, 2);
    expect(blocks.faceOf([121.474, 31.23])).toBe(-1);
  });
});
