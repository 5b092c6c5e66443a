import { describe, expect, it } from 'vitest';
import type { FeatureCollectionOf, GridLayerProperties, VisitDueGrids } from '@gridatlas/api/contract';
import { visitGridFeatures } from './visit-grid-features';

const square = (x: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, 0],
      [x + 1, 0],
      [x + 1, 1],
      [x, 1],
      [x, 0],
    ],
  ],
});
const grids = {
  type: 'FeatureCollection',
  features: ['a', 'b', 'c', 'd'].map((code, i) => ({ type: 'Feature', geometry: square(i * 2), properties: { code } })),
} as unknown as FeatureCollectionOf<GridLayerProperties>;

const row = (code: string, overdue: VisitDueGrids['rows'][number]['overdue']) => ({
  code,
  name: code,
  due: { count: 9 },
  done: { count: 0 },
  pending: { count: 0 },
  overdue,
  maxOverdueDays: null,
});

describe('visitGridFeatures', () => {
  it('colours counts, hatches suppressed cells with their "<5", skips zero labels and grids outside the table', () => {
    const table = {
      day: '2026-11-01',
      category: null,
      threshold: 5,
      suppressed: true,
      rows: [row('a', { count: 12 }), row('b', { suppressed: true, display: '<5', reason: 'small' }), row('c', { count: 0 })],
      totals: {
        due: { count: 27 },
        done: { count: 0 },
        pending: { count: 0 },
        overdue: { suppressed: true, display: '—', reason: 'complementary' },
      },
    } as VisitDueGrids;
    const f = visitGridFeatures(grids, table);
    expect(f.polygons.features.map((p) => p.properties.code)).toEqual(['a', 'b', 'c']);
    expect(f.polygons.features[1]!.properties).toMatchObject({ suppressed: true, display: '<5' });
    expect(f.labels.features.map((l) => l.properties)).toEqual([
      { label: '12', suppressed: false },
      { label: '<5', suppressed: true },
    ]);
    const [lng, lat] = f.labels.features[0]!.geometry.coordinates;
    expect(lng).toBeGreaterThan(0);
    expect(lng).toBeLessThan(1);
    expect(lat).toBeGreaterThan(0);
    expect(lat).toBeLessThan(1);
  });
});
