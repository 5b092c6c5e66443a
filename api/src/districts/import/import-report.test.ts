import { describe, expect, it } from 'vitest';
import { ReportBuilder } from './import-report.js';

describe('ReportBuilder', () => {
  it('counts every finding per reason with a sample, and lists each per feature for the map', () => {
    const r = new ReportBuilder();
    r.add('repaired', 'self_intersection', { index: 0, id: 'a' }, 'rebuilt', [114.3, 30.5]);
    r.add('rejected', 'duplicate_code', { index: 1, id: 'b' }, 'code 1 twice');
    r.add('rejected', 'duplicate_code', { index: 2, id: 'c' }, 'code 1 twice');
    expect(r.reasons.duplicate_code).toMatchObject({ kind: 'rejected', count: 2, sample: { id: 'b' } });
    expect(r.problems.map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect([...r.rejected]).toEqual([1, 2]);
    expect([...r.repaired]).toEqual([0]);
  });

  it('counts rings turned to RFC 7946 order but leaves them off the per-feature list', () => {
    const r = new ReportBuilder();
    for (let i = 0; i < 3; i++) r.add('warning', 'ring_reoriented', { index: i, id: `b${i}` }, 'rings turned');
    r.add('merged', 'pieces_merged', { index: 3, id: 'b3' }, '2 pieces');
    expect(r.reasons.ring_reoriented).toMatchObject({ count: 3, sample: { id: 'b0' } });
    expect(r.problems.map((p) => p.reason)).toEqual(['pieces_merged']);
  });
});
