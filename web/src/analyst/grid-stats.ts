/**
 * One row per grid joining every analytics table the user may read, keyed by grid code:
 * the choropleth values, the grid detail panel and the "ten heaviest grids" chart read it.
 */
import type { IncidentGridCounts, PatrolCoverage, SpecialGroupGrids, SuppressedCellValue, Workload } from '@gridatlas/api/contract';
import type { ChoroplethMetric } from './analyst-layers';

export interface GridStats {
  code: string;
  name: string;
  households: number | null;
  incidents: number | null;
  perThousand: number | null;
  workload: number | null;
  persons: number | null;
  specialWeighted: number | null;
  visitsRequired: number | null;
  /** Share 0–1. */
  coverage: number | null;
  patrolMinutes: number | null;
  daysSincePatrol: number | null;
  streetLengthM: number | null;
  /** Special-group people, or the suppressed display ("<5", "—"). */
  special: number | string | null;
}

export interface GridStatsInput {
  names: ReadonlyMap<string, { name: string; households: number }>;
  incidents: IncidentGridCounts | null;
  workload: Workload | null;
  coverage: PatrolCoverage | null;
  special: SpecialGroupGrids | null;
}

export const cellValue = (cell: SuppressedCellValue | undefined): number | string | null =>
  !cell ? null : 'count' in cell ? cell.count : cell.display;

export function gridStats({ names, incidents, workload, coverage, special }: GridStatsInput): Map<string, GridStats> {
  const out = new Map<string, GridStats>();
  const row = (code: string, name?: string): GridStats => {
    let r = out.get(code);
    if (!r) {
      const known = names.get(code);
      r = {
        code,
        name: name || known?.name || code,
        households: known?.households ?? null,
        incidents: null,
        perThousand: null,
        workload: null,
        persons: null,
        specialWeighted: null,
        visitsRequired: null,
        coverage: null,
        patrolMinutes: null,
        daysSincePatrol: null,
        streetLengthM: null,
        special: null,
      };
      out.set(code, r);
    }
    return r;
  };
  for (const code of names.keys()) row(code);
  for (const i of incidents?.rows ?? [])
    Object.assign(row(i.code, i.name), { incidents: i.count, households: i.households, perThousand: i.perThousandHouseholds });
  for (const w of workload?.rows ?? [])
    Object.assign(row(w.code, w.name), {
      workload: w.index,
      households: w.households,
      persons: w.persons,
      specialWeighted: w.specialWeighted,
      visitsRequired: w.visitsRequired,
    });
  for (const c of coverage?.rows ?? [])
    Object.assign(row(c.code), {
      coverage: c.coveredShare,
      patrolMinutes: c.patrolMinutes,
      daysSincePatrol: c.daysSinceLastPatrol,
      streetLengthM: c.streetLengthM,
    });
  for (const s of special?.rows ?? []) if (s.code) row(s.code, s.name).special = cellValue(s.total);
  return out;
}

/** The numeric value a choropleth colours by; null (not drawn) where unknown or suppressed. */
export function metricValue(stats: GridStats, metric: ChoroplethMetric): number | null {
  const v = {
    count: stats.incidents,
    perThousand: stats.perThousand,
    workload: stats.workload,
    households: stats.households,
    coverage: stats.coverage === null ? null : stats.coverage * 100,
    patrolMinutes: stats.patrolMinutes,
    daysSincePatrol: stats.daysSincePatrol,
    special: typeof stats.special === 'number' ? stats.special : null,
  }[metric];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
