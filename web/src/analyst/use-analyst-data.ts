/**
 * The per-grid tables behind the analyst view, refetched when the filters change (previous
 * requests aborted). Each table is fetched only when the user may read it; one failing
 * route leaves the others usable and is reported by name.
 */
import { useEffect, useState } from 'react';
import { getJson } from '../api/api-client';
import type { FeatureCollectionOf, GridLayerProperties } from '@gridatlas/api/contract';
import type { IncidentGridCounts, IncidentSeries, PatrolCoverage, SpecialGroupGrids, Workload } from '@gridatlas/api/contract';
import { fetchCoverage, fetchIncidentGrids, fetchIncidentSeries, fetchSpecialGrids, fetchWorkload } from './analytics-api';
import { addDays } from './analytics-query';
import type { AnalystFilters } from './analyst.store';

export interface AnalystTables {
  incidents: IncidentGridCounts | null;
  series: IncidentSeries | null;
  workload: Workload | null;
  coverage: PatrolCoverage | null;
  /** Progress (0 … 1) of the job working out patrol coverage, while one runs. */
  coverageProgress: number | null;
  special: SpecialGroupGrids | null;
  /** Routes that failed, with the reason. */
  failures: { route: string; message: string }[];
  loading: boolean;
}

const EMPTY: AnalystTables = {
  incidents: null,
  series: null,
  workload: null,
  coverage: null,
  coverageProgress: null,
  special: null,
  failures: [],
  loading: true,
};

/** The current plan's grids of the district: shapes for the choropleths and names for the tables. */
export function useGridShapes(districtCode: string): FeatureCollectionOf<GridLayerProperties> | null {
  const [grids, setGrids] = useState<FeatureCollectionOf<GridLayerProperties> | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    getJson<FeatureCollectionOf<GridLayerProperties>>(
      `/api/layers/grids?region=${encodeURIComponent(districtCode)}&plan=current`,
      abort.signal,
    )
      .then(setGrids)
      .catch(() => {});
    return () => abort.abort();
  }, [districtCode]);
  return grids;
}

/** Coverage is asked for the last days of the period at most: 30 m buffers of a year of tracks take minutes on the embedded database. */
export const COVERAGE_MAX_DAYS = 30;

export function coveragePeriod(filters: AnalystFilters): AnalystFilters {
  const earliest = addDays(filters.to, -COVERAGE_MAX_DAYS);
  return { ...filters, from: filters.from < earliest ? earliest : filters.from };
}

/**
 * `needCoverage`: the patrol coverage table is fetched only while a layer or metric shows
 * it (it is by far the slowest route).
 */
export function useAnalystTables(
  filters: AnalystFilters | null,
  permissions: readonly string[],
  specialCategory: string,
  needCoverage: boolean,
): AnalystTables {
  const [tables, setTables] = useState<AnalystTables>(EMPTY);
  const can = (p: string) => permissions.includes(p);
  const incidents = can('incidents.read');
  const patrols = can('patrols.read');
  const analytics = can('analytics.read');
  const special = can('special_groups.aggregate');

  useEffect(() => {
    if (!filters) return;
    const abort = new AbortController();
    setTables((prev) => ({ ...prev, loading: true }));
    const failures: AnalystTables['failures'] = [];
    const get = <T>(route: string, allowed: boolean, load: () => Promise<T>): Promise<T | null> =>
      allowed
        ? load().catch((e: unknown) => {
            if (!abort.signal.aborted) failures.push({ route, message: e instanceof Error ? e.message : String(e) });
            return null;
          })
        : Promise.resolve(null);
    Promise.all([
      get('incidents/grids', incidents, () => fetchIncidentGrids(filters, abort.signal)),
      get('incidents/series', incidents, () => fetchIncidentSeries(filters, abort.signal)),
      get('workload', analytics, () => fetchWorkload(filters, abort.signal)),
    ]).then(([incidentGrids, series, workload]) => {
      if (abort.signal.aborted) return;
      setTables((prev) => ({
        ...prev,
        incidents: incidentGrids,
        series,
        workload,
        failures: [...prev.failures.filter((f) => f.route.startsWith('special') || f.route.startsWith('patrols')), ...failures],
        loading: false,
      }));
    });
    return () => abort.abort();
  }, [filters, incidents, analytics]);

  const coverageFrom = filters && needCoverage && patrols ? coveragePeriod(filters) : null;
  const coverageKey = coverageFrom ? `${coverageFrom.from}/${coverageFrom.to}` : '';
  useEffect(() => {
    if (!coverageFrom) return;
    const abort = new AbortController();
    setTables((prev) => ({ ...prev, coverage: null, coverageProgress: null }));
    fetchCoverage(coverageFrom, abort.signal, (job) => {
      if (!abort.signal.aborted) setTables((prev) => ({ ...prev, coverageProgress: job.progress }));
    })
      .then((coverage) =>
        setTables((prev) => ({
          ...prev,
          coverage,
          coverageProgress: null,
          failures: prev.failures.filter((f) => f.route !== 'patrols/coverage'),
        })),
      )
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        setTables((prev) => ({
          ...prev,
          coverageProgress: null,
          failures: [
            ...prev.failures.filter((f) => f.route !== 'patrols/coverage'),
            { route: 'patrols/coverage', message: e instanceof Error ? e.message : String(e) },
          ],
        }));
      });
    return () => abort.abort();
    // coverageKey names the period; the object itself is rebuilt every render.
  }, [coverageKey]);

  // Special-group reads are audited: fetched on their own, only when the category changes.
  useEffect(() => {
    if (!special) return;
    const abort = new AbortController();
    fetchSpecialGrids(specialCategory, abort.signal)
      .then((s) =>
        setTables((prev) => ({ ...prev, special: s, failures: prev.failures.filter((f) => f.route !== 'special-groups/grids') })),
      )
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        setTables((prev) => ({
          ...prev,
          special: null,
          failures: [...prev.failures, { route: 'special-groups/grids', message: e instanceof Error ? e.message : String(e) }],
        }));
      });
    return () => abort.abort();
  }, [special, specialCategory]);

  return tables;
}
