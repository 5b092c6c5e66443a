import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { normaliseFeatures } from './normalise-features.js';

const square = (x: number): number[][] => [
  [x, 0],
  [x + 0.01, 0],
  [x + 0.01, 0.01],
  [x, 0.01],
  [x, 0],
];
const feature = (properties: Record<string, unknown>, geometry: unknown, id?: string): Feature =>
  ({ type: 'Feature', ...(id ? { id } : {}), properties, geometry }) as Feature;

describe('normaliseFeatures', () => {
  const features = [
    feature({ GEOID: '060750101001', NAME: 'Block Group 1' }, { type: 'MultiPolygon', coordinates: [[square(0)]] }),
    feature(
      { GEOID: '060750101002' },
      {
        type: 'MultiPolygon',
        coordinates: [
          [square(0.02)],
          [
            [
              [0.022, 0.002],
              [0.028, 0.002],
              [0.028, 0.008],
              [0.022, 0.008],
              [0.022, 0.002],
            ],
          ],
        ],
      },
    ),
    feature(
      { name: '城南社区' },
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [0.01, 0.01],
            [0.01, 0],
            [0, 0.01],
            [0, 0],
          ],
        ],
      },
      'f-3',
    ),
    feature(
      {},
      {
        type: 'Polygon',
        coordinates: [
          [
            [500000, 3400000],
            [500100, 3400000],
            [500100, 3400100],
            [500000, 3400000],
          ],
        ],
      },
    ),
    feature({ GEOID: '060750101005' }, null),
  ];

  it('accounts for every feature, by its own id and name', () => {
    const { items, report } = normaliseFeatures(features, { expect: 'polygon' });
    expect(report).toMatchObject({ read: 5, accepted: 3, repaired: 2, rejected: 2 });
    expect(items.map((i) => [i.index, i.id, i.name])).toEqual([
      [0, '060750101001', 'Block Group 1'],
      [1, '060750101002', undefined],
      [2, 'f-3', '城南社区'],
    ]);
    expect(report.rejections.map((r) => [r.id, r.reason])).toEqual([
      ['4', 'projected_coordinates'],
      ['060750101005', 'no_geometry'],
    ]);
  });

  it('counts each reason with a sample to find it by, and lists area before and after', () => {
    const { report } = normaliseFeatures(features, { expect: 'polygon' });
    expect(report.reasons.single_part_multi).toMatchObject({
      kind: 'repair',
      count: 1,
      informational: true,
      sample: { id: '060750101001' },
    });
    expect(report.reasons.nested_shell).toMatchObject({ kind: 'repair', count: 1, sample: { id: '060750101002' } });
    const nested = report.repairs.find((r) => r.reason === 'nested_shell')!;
    expect(nested.areaAfterM2).toBeLessThan(nested.areaBeforeM2!);
    expect(report.reasons.self_intersection).toMatchObject({ count: 1, sample: { id: 'f-3', name: '城南社区' } });
    expect(report.reasons.projected_coordinates).toMatchObject({ kind: 'rejection', count: 1, sample: { id: '4' } });
  });

  it('reads ids and names from the fields given', () => {
    const { items } = normaliseFeatures(
      [feature({ code: 'A', 名称: 'x', bm: 'B7', mc: '一号楼' }, { type: 'Point', coordinates: [114.4, 30.5] })],
      {
        expect: 'point',
        idField: 'bm',
        nameField: 'mc',
      },
    );
    expect(items[0]).toMatchObject({ id: 'B7', name: '一号楼', geometry: { type: 'Point' } });
  });
});

describe('normaliseFeatures with several kinds', () => {
  it('reads each feature as the kind its type is', () => {
    const { items, report } = normaliseFeatures(
      [
        feature({}, { type: 'Point', coordinates: [1, 1] }),
        feature({}, { type: 'MultiPolygon', coordinates: [[square(0)]] }),
        feature(
          {},
          {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
        ),
      ],
      { expect: ['polygon', 'point'] },
    );
    expect(items.map((i) => i.geometry.type)).toEqual(['Point', 'Polygon']);
    expect(report.rejections[0]).toMatchObject({ id: '3', reason: 'wrong_type', detail: 'a LineString where a polygon is needed' });
  });
});
