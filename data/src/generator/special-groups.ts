/**
 * Special-group records: one row per person-category, linked to a building, about 3% of
 * persons over the nine categories (service groups common, management groups rare).
 */
import type { Random } from '@gridatlas/core';
import type { BuildingRecord, SpecialGroupCategory, SpecialGroupRecord } from '../district.types.js';
import { DAY_MS, iso } from './time.js';

/** Share of persons per category. */
export const CATEGORY_RATES: readonly [SpecialGroupCategory, number][] = [
  ['elderly_alone', 0.008],
  ['disabled', 0.007],
  ['low_income', 0.006],
  ['veteran', 0.005],
  ['released_prisoner', 0.0008],
  ['community_correction', 0.0004],
  ['drug_user', 0.0005],
  ['mental_illness', 0.0012],
  ['petitioner', 0.0006],
];

function poisson(rng: Random, mean: number): number {
  // Knuth's method: means here are small (< 5).
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k += 1;
    p *= rng.next();
  }
  return k;
}

export function specialGroupRecords(rng: Random, buildings: readonly BuildingRecord[], referenceDate: string): SpecialGroupRecord[] {
  const out: SpecialGroupRecord[] = [];
  const end = Date.parse(`${referenceDate}T00:00:00Z`);
  for (const b of buildings) {
    // Old walk-ups house more elderly and low-income residents.
    const ageing = b.floors <= 6 ? 1.3 : 0.8;
    for (const [category, rate] of CATEGORY_RATES) {
      const boost = category === 'elderly_alone' || category === 'low_income' ? ageing : 1;
      for (let n = poisson(rng, b.persons * rate * boost); n > 0; n--) {
        out.push({ id: out.length + 1, buildingId: b.id, category, since: iso(end - rng.int(30, 3650) * DAY_MS).slice(0, 10) });
      }
    }
  }
  return out;
}
