import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import { fixtureIncidents, insertIncidents, makeIncidents } from './incidents.test-data.js';

interface Points {
  count: number;
  truncated: boolean;
  positions: number[];
  categories: number[];
  times: number[];
  categoryKeys: string[];
}

describe.each(BACKENDS)('GET /api/analytics/incidents/points on %s', (kind) => {
  const ctx = useTestApp(kind);
  const incidents = [...fixtureIncidents(), ...makeIncidents()];
  beforeAll(() => insertIncidents(ctx.t.db, makeIncidents()));

  it('returns the incidents in the bbox as flat arrays, newest first', async () => {
    const bbox = [108.9, 34.2, 108.92, 34.21] as const;
    const { status, body } = await ctx.get<Points>(`/api/analytics/incidents/points?bbox=${bbox.join(',')}&state=closed`);
    expect(status).toBe(200);
    const want = incidents
      .filter((i) => i.state === 'closed' && i.lng >= bbox[0] && i.lng <= bbox[2] && i.lat >= bbox[1] && i.lat <= bbox[3])
      .sort((a, b) => b.reportedAt.localeCompare(a.reportedAt) || b.id - a.id);
    expect(body.count).toBe(want.length);
    expect(body.truncated).toBe(false);
    expect(body.positions.length).toBe(2 * want.length);
    expect(body.times).toEqual(want.map((i) => Date.parse(i.reportedAt) / 1000));
    expect(body.categories.map((k) => body.categoryKeys[k])).toEqual(want.map((i) => i.category));
    want.forEach((i, k) => {
      expect(body.positions[2 * k]).toBeCloseTo(i.lng, 6);
      expect(body.positions[2 * k + 1]).toBeCloseTo(i.lat, 6);
    });
  });

  it('stops at the limit and says so', async () => {
    const { body } = await ctx.get<Points>('/api/analytics/incidents/points?bbox=108.8,34.1,109,34.3&limit=10');
    expect(body.count).toBe(10);
    expect(body.truncated).toBe(true);
    const all = await ctx.get<Points>('/api/analytics/incidents/points?bbox=108.8,34.1,109,34.3');
    expect(all.body.count).toBe(incidents.length);
    expect(all.body.truncated).toBe(false);
  });

  it.each([
    ['bbox=108.8,34.1,109,34.3&limit=0', 'limit'],
    ['bbox=108.8,34.1,109,34.3&limit=99999999', 'limit'],
    ['bbox=a,b,c,d', 'bbox'],
  ])('answers %s with 400', async (query, words) => {
    const { status, body } = await ctx.get<{ error: { message: string } }>(`/api/analytics/incidents/points?${query}`);
    expect(status).toBe(400);
    expect(body.error.message).toContain(words);
  });
});
