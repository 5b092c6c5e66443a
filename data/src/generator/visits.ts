/**
 * Household visits (入户走访) over the year before the reference date (twelve 30-day months),
 * so yearly, quarterly and monthly cadences all have periods to be due, done or overdue in:
 * each grid worker makes 20–28 a month to the buildings of their grid, more often where
 * elderly people live alone.
 */
import type { Random } from '@gridatlas/core';
import type { VisitKind, VisitRecord } from '../district.types.js';
import { beijingMidnight, iso } from './time.js';

const HOUR = 3_600_000;
const MONTHS = 12;

export function generateVisits(
  rng: Random,
  workers: readonly { staffId: number; buildingIds: readonly number[] }[],
  elderlyBuildings: ReadonlySet<number>,
  /** Buildings with low-income or disabled residents (visited quarterly). */
  difficultyBuildings: ReadonlySet<number>,
  referenceDate: string,
): VisitRecord[] {
  const out: VisitRecord[] = [];
  for (const w of workers) {
    if (w.buildingIds.length === 0) continue;
    for (let month = 0; month < MONTHS; month++) {
      for (let n = rng.int(20, 28); n > 0; n--) {
        const buildingId = rng.pick(w.buildingIds);
        const day = month * 30 + rng.int(1, 30);
        const kind: VisitKind =
          elderlyBuildings.has(buildingId) && rng.chance(0.35)
            ? 'elderly_alone'
            : difficultyBuildings.has(buildingId) && rng.chance(0.3)
              ? 'difficulty'
              : 'routine';
        out.push({
          id: 0,
          staffId: w.staffId,
          buildingId,
          visitedAt: iso(beijingMidnight(referenceDate, day) + rng.range(9, 17.5) * HOUR),
          kind,
        });
      }
    }
  }
  out.sort((a, b) => a.visitedAt.localeCompare(b.visitedAt) || a.staffId - b.staffId);
  out.forEach((v, n) => (v.id = n + 1));
  return out;
}
