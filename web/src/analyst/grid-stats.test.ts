import { describe, expect, it } from 'vitest';
import { gridStats, metricValue } from './grid-stats';

describe('gridStats', () => {
  it('joins the tables by grid code and keeps suppressed cells as their display', () => {
    const stats = gridStats({
      names: new Map([['G1', { name: '一号网格', households: 300 }]]),
      incidents: {
        rows: [{ code: 'G1', name: '一号网格', communityCode: 'C', count: 12, households: 300, perThousandHouseholds: 40 }],
        total: 12,
        outside: 0,
      },
      workload: null,
      coverage: {
        from: '2025-06-01',
        to: '2025-07-01',
        reachM: 30,
        rows: [
          {
            code: 'G1',
            name: '一号网格',
            communityCode: 'C',
            streetLengthM: 900,
            coveredLengthM: 450,
            coveredShare: 0.5,
            daysSinceLastPatrol: 2,
            patrolMinutes: 80,
          },
        ],
      },
      special: {
        threshold: 5,
        category: null,
        rows: [{ code: 'G2', name: '二号网格', cells: {}, total: { suppressed: true, display: '<5', reason: 'small' } }],
        totals: { cells: {}, total: { suppressed: true, display: '<5', reason: 'small' } },
      },
    });
    expect(stats.get('G1')).toMatchObject({ incidents: 12, perThousand: 40, coverage: 0.5, households: 300 });
    expect(stats.get('G2')).toMatchObject({ name: '二号网格', special: '<5' });
    expect(metricValue(stats.get('G1')!, 'coverage')).toBe(50);
    expect(metricValue(stats.get('G2')!, 'special')).toBeNull();
  });
});
