/**
 * A district's analytics settings (`analytics_settings`, migration 0013): the suppression
 * threshold for special-group aggregates and the workload-index weights. A district with no
 * row yet reads as the defaults; a stored row missing a weight takes that weight's default.
 */
import { DEFAULT_SUPPRESSION_THRESHOLD, MIN_SUPPRESSION_THRESHOLD, SPECIAL_GROUP_CATEGORIES } from '@gridatlas/core';
import type { Db } from '../db/db.types.js';

/** Workload per unit: one household, person, incident in the period, required visit, special-group person. */
export interface WorkloadWeights {
  households: number;
  persons: number;
  incidents: number;
  visits: number;
  special: Record<string, number>;
}

export interface AnalyticsSettings {
  suppressionThreshold: number;
  workloadWeights: WorkloadWeights;
}

/** Same values as the column defaults in 0013_analytics_settings.sql. */
export const DEFAULT_WORKLOAD_WEIGHTS: WorkloadWeights = {
  households: 1,
  persons: 0.2,
  incidents: 0.5,
  visits: 1,
  special: {
    elderly_alone: 2,
    disabled: 1.5,
    low_income: 1,
    veteran: 0.5,
    released_prisoner: 3,
    community_correction: 3,
    drug_user: 3,
    mental_illness: 3,
    petitioner: 2,
  },
};

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback);

/** Fills what a stored (or submitted) weights object lacks with the defaults; unknown categories are dropped. */
export function completeWeights(
  stored: (Partial<Omit<WorkloadWeights, 'special'>> & { special?: Record<string, unknown> }) | null | undefined,
): WorkloadWeights {
  const d = DEFAULT_WORKLOAD_WEIGHTS;
  return {
    households: num(stored?.households, d.households),
    persons: num(stored?.persons, d.persons),
    incidents: num(stored?.incidents, d.incidents),
    visits: num(stored?.visits, d.visits),
    special: Object.fromEntries(SPECIAL_GROUP_CATEGORIES.map(({ key }) => [key, num(stored?.special?.[key], d.special[key] ?? 0)])),
  };
}

export async function readAnalyticsSettings(db: Db, districtCode: string): Promise<AnalyticsSettings> {
  const r = await db.query<{ threshold: number; weights: WorkloadWeights }>(
    `SELECT suppression_threshold AS threshold, workload_weights AS weights FROM analytics_settings WHERE district_code = $1`,
    [districtCode],
  );
  const row = r.rows[0];
  return {
    // The CHECK keeps stored values at the floor or above; the max() guards the default too.
    suppressionThreshold: Math.max(MIN_SUPPRESSION_THRESHOLD, row?.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD),
    workloadWeights: completeWeights(row?.weights),
  };
}

export async function writeAnalyticsSettings(db: Db, districtCode: string, settings: AnalyticsSettings, by: string): Promise<void> {
  await db.query(
    `INSERT INTO analytics_settings (district_code, suppression_threshold, workload_weights, updated_at, updated_by)
     VALUES ($1, $2, $3::jsonb, now(), $4)
     ON CONFLICT (district_code) DO UPDATE
       SET suppression_threshold = excluded.suppression_threshold, workload_weights = excluded.workload_weights,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [districtCode, settings.suppressionThreshold, JSON.stringify(settings.workloadWeights), by],
  );
}
