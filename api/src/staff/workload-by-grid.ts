/**
 * The workload index of every grid in force of a district over the default period (the 30
 * days to the reference date), as `GET /api/analytics/workload` computes it: the roster sums
 * it over the grids a worker serves.
 */
import type { Db } from '../db/db.types.js';
import { workloadParts, workloadScore } from '../analytics/workload.route.js';
import { periodDays, resolvePeriod } from '../analytics/patrols-period.js';
import { readAnalyticsSettings } from '../analytics/settings.store.js';

export async function workloadByGrid(db: Db, districtCode: string): Promise<Map<string, number>> {
  const period = await resolvePeriod(db, districtCode, {});
  const [parts, settings] = await Promise.all([workloadParts(db, districtCode, period), readAnalyticsSettings(db, districtCode)]);
  const days = periodDays(period);
  const raw = parts.map((p) => workloadScore(p, settings.workloadWeights, days, settings.suppressionThreshold).raw);
  const mean = raw.length ? raw.reduce((a, b) => a + b, 0) / raw.length : 0;
  return new Map(parts.map((p, i) => [p.code, mean > 0 ? raw[i]! / mean : 0]));
}
