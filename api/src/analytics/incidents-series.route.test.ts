import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import { fixtureIncidents, insertIncidents, makeIncidents, type TestIncident } from './incidents.test-data.js';

interface Series {
  interval: string;
  buckets: string[];
  categories: string[];
  counts: number[][];
}

/** The bucket of an instant in Asia/Shanghai (UTC+8, no daylight saving), computed in JS. */
function bucketOf(iso: string, interval: 'day' | 'week' | 'month'): string {
  const local = new Date(Date.parse(iso) + 8 * 3600_000);
  if (interval === 'month') local.setUTCDate(1);
  if (interval === 'week') local.setUTCDate(local.getUTCDate() - ((local.getUTCDay() + 6) % 7));
  return local.toISOString().slice(0, 10);
}

function flatten(body: Series): Record<string, number> {
  const out: Record<string, number> = {};
  body.categories.forEach((c, i) =>
    body.buckets.forEach((b, j) => {
      if (body.counts[i]![j]! > 0) out[`${c} ${b}`] = body.counts[i]![j]!;
    }),
  );
  return out;
}

function expected(incidents: TestIncident[], interval: 'day' | 'week' | 'month'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of incidents) {
    const k = `${i.category} ${bucketOf(i.reportedAt, interval)}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

describe.each(BACKENDS)('GET /api/analytics/incidents/series on %s', (kind) => {
  const ctx = useTestApp(kind);
  const incidents = [...fixtureIncidents(), ...makeIncidents()];
  beforeAll(() => insertIncidents(ctx.t.db, makeIncidents()));

  it.each(['day', 'week', 'month'] as const)('counts per %s and category in Asia/Shanghai, dense buckets', async (interval) => {
    const { status, body } = await ctx.get<Series>(`/api/analytics/incidents/series?interval=${interval}`);
    expect(status).toBe(200);
    expect(body.interval).toBe(interval);
    expect(flatten(body)).toEqual(expected(incidents, interval));
    expect(body.counts.every((row) => row.length === body.buckets.length)).toBe(true);
    // Dense: consecutive buckets with no gaps.
    if (interval === 'month')
      expect(body.buckets).toEqual(
        ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01', '2025-07-01'].slice(0, body.buckets.length),
      );
    if (interval === 'day')
      expect(new Set(body.buckets).size).toBe((Date.parse(body.buckets.at(-1)!) - Date.parse(body.buckets[0]!)) / 86_400_000 + 1);
  });

  it('filters by period and category', async () => {
    const { body } = await ctx.get<Series>('/api/analytics/incidents/series?interval=week&from=2025-02-01&to=2025-03-01&category=safety');
    const subset = incidents.filter(
      (i) =>
        i.category === 'safety' &&
        Date.parse(i.reportedAt) >= Date.parse('2025-02-01T00:00:00+08:00') &&
        Date.parse(i.reportedAt) < Date.parse('2025-03-01T00:00:00+08:00'),
    );
    expect(flatten(body)).toEqual(expected(subset, 'week'));
    expect(body.categories).toEqual(['safety']);
  });

  it('answers a bad interval with 400 naming it', async () => {
    const { status, body } = await ctx.get<{ error: { message: string } }>('/api/analytics/incidents/series?interval=year');
    expect(status).toBe(400);
    expect(body.error.message).toContain('interval');
  });
});
