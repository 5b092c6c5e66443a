/**
 * A slide's key figure: the headline number of its layer for its region and period, taken
 * from the analytics routes the analyst view itself reads (so the slide and the map agree):
 * incidents for the incident layers, incidents per 1,000 households, special-group people
 * (suppressed as everywhere: a withheld total shows as the server's display text), street
 * coverage for the patrol layers, grids ranked for workload.
 */
import type { BriefingAnalystView, IncidentGridCounts, PatrolCoverage, SpecialGroupGrids, Workload } from '@gridatlas/api/contract';
import { getJson } from '../api/api-client';
import { followJob, isJobAccepted } from '../api/follow-job';
import type { JobAccepted } from '@gridatlas/api/contract';
import type { MessageKey } from '../i18n/messages';
import { pinnedPeriod } from './slide-period';

export interface KeyFigure {
  /** The message key of what is counted (its unit and wording). */
  label: MessageKey;
  /** The number, or the server's suppressed display text ("<5"). */
  value: number | string;
  /** Digits after the point when `value` is a number. */
  digits: number;
}

const query = (view: BriefingAnalystView, pinnedAsOf: string | null, extra: Record<string, string> = {}, withCategories = true) => {
  const period = pinnedPeriod(view.period, pinnedAsOf);
  const params = new URLSearchParams({ region: view.regionCode, from: period.from, to: period.to, ...extra });
  if (withCategories && view.categories.length) params.set('category', view.categories.join(','));
  return params.toString();
};

export async function fetchKeyFigure(view: BriefingAnalystView, pinnedAsOf: string | null, signal: AbortSignal): Promise<KeyFigure> {
  const metric = view.layer === 'choropleth' ? view.metric : null;
  if (view.layer === 'special' || metric === 'special') {
    const params = new URLSearchParams({ region: view.regionCode, ...(view.specialCategory ? { category: view.specialCategory } : {}) });
    const r = await getJson<SpecialGroupGrids>(`/api/analytics/special-groups/grids?${params}`, signal);
    const total = r.totals.total;
    return { label: 'briefing.figure.special', value: 'count' in total ? total.count : total.display, digits: 0 };
  }
  if (['tracks', 'coverage'].includes(view.layer) || (metric && ['coverage', 'patrolMinutes', 'daysSincePatrol'].includes(metric))) {
    const body = await getJson<PatrolCoverage | JobAccepted>(
      `/api/analytics/patrols/coverage?${query(view, pinnedAsOf, {}, false)}`,
      signal,
    );
    const r = isJobAccepted(body) ? await followJob<PatrolCoverage>(body, signal) : body;
    const street = r.rows.reduce((s, row) => s + row.streetLengthM, 0);
    const covered = r.rows.reduce((s, row) => s + row.coveredLengthM, 0);
    return { label: 'briefing.figure.coverage', value: street > 0 ? (covered / street) * 100 : 0, digits: 1 };
  }
  if (view.layer === 'workload' || metric === 'workload' || metric === 'households') {
    const r = await getJson<Workload>(`/api/analytics/workload?${query(view, pinnedAsOf, {}, false)}`, signal);
    if (metric === 'households')
      return { label: 'briefing.figure.households', value: r.rows.reduce((s, row) => s + row.households, 0), digits: 0 };
    return { label: 'briefing.figure.overloaded', value: r.rows.filter((row) => row.index >= 1.2).length, digits: 0 };
  }
  const r = await getJson<IncidentGridCounts>(`/api/analytics/incidents/grids?${query(view, pinnedAsOf)}`, signal);
  if (metric === 'perThousand') {
    const households = r.rows.reduce((s, row) => s + row.households, 0);
    return { label: 'briefing.figure.perThousand', value: households > 0 ? (r.total / households) * 1000 : 0, digits: 1 };
  }
  return { label: 'briefing.figure.incidents', value: r.total, digits: 0 };
}
