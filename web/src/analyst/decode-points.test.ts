import { describe, expect, it } from 'vitest';
import { decodePoints, decodeTracks } from './decode-points';

describe('decodePoints', () => {
  it('packs the flat arrays into typed arrays', () => {
    const p = decodePoints({
      count: 2,
      truncated: false,
      positions: [108.9, 34.2, 108.95, 34.25],
      categories: [0, 3],
      times: [1_700_000_000, 1_700_000_060],
      categoryKeys: ['a', 'b', 'c', 'd'],
    });
    expect(p.count).toBe(2);
    expect(p.positions).toBeInstanceOf(Float32Array);
    expect(p.positions[2]).toBeCloseTo(108.95, 4);
    expect([...p.categories]).toEqual([0, 3]);
    expect(p.times[1]).toBe(1_700_000_060);
  });
  it('trusts the arrays over a count that overstates them', () => {
    expect(decodePoints({ count: 5, truncated: true, positions: [1, 2], categories: [0], times: [0], categoryKeys: ['a'] }).count).toBe(1);
  });
});

describe('decodeTracks', () => {
  it('makes timestamps relative to the day and drops single points', () => {
    const day = 1_700_000_000;
    const tracks = decodeTracks(
      {
        date: '2023-11-14',
        tracks: [
          {
            id: 1,
            staffId: 7,
            gridCode: 'G1',
            startedAt: '2023-11-14T23:13:20Z',
            endedAt: '2023-11-14T23:14:20Z',
            path: [
              [1, 2],
              [1.1, 2.1],
            ],
            timestamps: [day + 3600, day + 3660],
          },
          {
            id: 2,
            staffId: 8,
            gridCode: 'G2',
            startedAt: '2023-11-14T22:13:20Z',
            endedAt: '2023-11-14T22:13:20Z',
            path: [[1, 2]],
            timestamps: [day],
          },
        ],
      },
      day,
    );
    expect(tracks).toEqual([
      {
        staffId: '7',
        gridCode: 'G1',
        path: [
          [1, 2],
          [1.1, 2.1],
        ],
        timestamps: [3600, 3660],
      },
    ]);
  });
});
