/** The GCJ-02 check on real OpenStreetMap streets of Wuhan (WGS84) against offset copies of them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { gcj02ToBd09, wgs84ToGcj02 } from './china-offsets.js';
import { gcj02OffsetCheck } from './gcj02-offset-check.js';
import { mapGeometry } from './reproject.js';

const REAL = process.env.GRIDATLAS_REAL_DATA ?? join(import.meta.dirname, '../../../../shared/data/real');
const tiles = JSON.parse(readFileSync(join(REAL, 'wuhan-hongshan-osm-tiles.geojson'), 'utf8')) as FeatureCollection;
const roads = tiles.features.filter((f) => f.properties?.layer === 'roads');
const buildings = tiles.features.filter((f) => f.properties?.layer === 'buildings');
const shifted = (fs: Feature[], fn: (p: number[]) => [number, number]) => fs.map((f) => ({ ...f, geometry: mapGeometry(f.geometry, fn) }));

describe('gcj02OffsetCheck', () => {
  it('finds buildings from a Chinese web map offset by GCJ-02 against the district’s own streets', () => {
    const check = gcj02OffsetCheck(shifted(buildings, wgs84ToGcj02), roads);
    expect(check.verdict).toBe('gcj02');
    expect(check.medianM.asGiven).toBeGreaterThan(2 * check.medianM.asGcj02);
    expect(check.samples).toBeGreaterThan(500);
  });

  it('finds BD-09 and finds nothing to undo in WGS84 data', () => {
    expect(
      gcj02OffsetCheck(
        shifted(roads, (p) => gcj02ToBd09(wgs84ToGcj02(p))),
        roads,
      ).verdict,
    ).toBe('bd09');
    const aligned = gcj02OffsetCheck(buildings, roads);
    expect(aligned.verdict).toBe('wgs84');
    expect(aligned.medianM.asGiven).toBeLessThan(60);
  });

  it('says unclear when there is nothing to compare against', () => {
    expect(gcj02OffsetCheck(buildings, []).verdict).toBe('unclear');
    expect(gcj02OffsetCheck([], roads).verdict).toBe('unclear');
  });
});
