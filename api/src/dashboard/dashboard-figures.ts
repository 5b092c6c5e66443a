/**
 * `dashboardFigures()`: the dashboard of a region (district, subdistrict or community inside
 * the user's jurisdiction) for a period, the period before and the same period a year before,
 * as they stood at the end of the `asOf` day. The route (`dashboard.route.ts`) and the reports
 * call it; it checks the jurisdiction and the special-group entitlement itself.
 */
import { SPECIAL_GROUP_CATEGORIES } from '@gridatlas/core';
import type { Db } from '../db/db.types.js';
import { requireInsideJurisdiction } from '../auth/jurisdiction.js';
import type { SessionUser } from '../auth/session-user.js';
import { forbidden } from '../http/http-error.js';
import { notSeeded, resolveRegion, type RegionScope } from '../regions/region-scope.js';
import { activeRuleProfile } from '../regions/active-rule-profile.js';
import { readAnalyticsSettings } from '../analytics/settings.store.js';
import { memoAtVersion } from '../analytics/response-cache.js';
import { referenceDay, shanghaiDate } from '../analytics/patrols-period.js';
import type { Job } from '../jobs/job.store.js';
import type { Dashboard, DashboardWindow, Figure, MapLink } from './dashboard.schemas.js';
import { addMonths, dashboardPeriods, monthOf, type DayWindow } from './dashboard-period.js';
import { gridsInForce, type GridInForce } from './grids-in-force.js';
import { countGrids, plansWaiting } from './grids-figures.js';
import { countStaffing, staffRoles } from './staffing-figures.js';
import { incidentSection, type IncidentWindowFigures } from './incidents-figures.js';
import { DEAD_CORNER_DAYS, patrolDaysJob, patrolWindows, type PatrolScope } from './patrols-figures.js';
import { cadenceWindows, suppressVisits, visitCounts, type VisitCounts } from './special-visits-figures.js';
import { mapLink } from './map-link.js';
import { firstRecords, recordsSince } from './records-since.js';
import { dashboardVersion, keepDashboard, keptDashboard, type KeptDashboardAt } from './dashboard-kept.js';

export interface DashboardRequest {
  user: Pick<SessionUser, 'username' | 'permissions' | 'jurisdictions'>;
  /** Region code; default: the user's first jurisdiction when it is a region, else the loaded district. */
  region?: string | undefined;
  /** `YYYY-MM` or `YYYY`; default: the last month ended by `asOf`. */
  period?: string | undefined;
  /** `YYYY-MM-DD`; default: the district's reference date. */
  asOf?: string | undefined;
  /** Heaviest grids listed (default 5). */
  top?: number;
  /** Days without a patrol after which a grid counts as not patrolled (default 7). */
  idleDays?: number;
  /** Tracks of days not worked out yet that may be tested inside the call; more make a job. */
  inlinePatrolTracks?: number;
}

export interface DashboardResult {
  body: Dashboard;
  /** Jobs created or reused for patrol days (the caller wakes its runner). */
  jobs: Job[];
}

/** The region of a request, wholly inside the user's jurisdiction (403 otherwise). */
export async function dashboardRegion(db: Db, user: DashboardRequest['user'], code: string | undefined): Promise<RegionScope> {
  if (user.jurisdictions.length === 0) throw forbidden('you have no jurisdiction: ask an administrator to assign one');
  if (code !== undefined) {
    requireInsideJurisdiction(user.jurisdictions, code, 'region');
    return resolveRegion(db, code);
  }
  const own = user.jurisdictions.find((j) => j.length >= 6);
  if (own !== undefined) return resolveRegion(db, own);
  const first = await resolveRegion(db, undefined);
  if (!user.jurisdictions.some((j) => first.code.startsWith(j))) throw notSeeded();
  return first;
}

const win = (w: DayWindow): DashboardWindow => ({ from: w.from, to: w.to });

/** value / previous / yearAgo of `f` over the three windows. */
function figure<T>(three: readonly [T, T, T], f: (t: T) => number | null, unit: Figure['unit'], link: MapLink): Figure {
  return { value: f(three[0]), previous: f(three[1]), yearAgo: f(three[2]), unit, link };
}

const per1000 = (n: number, households: number): number | null => (households > 0 ? (n * 1000) / households : null);
const round = (n: number | null, digits: number): number | null => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

export async function dashboardFigures(db: Db, request: DashboardRequest): Promise<DashboardResult> {
  const { user } = request;
  const region = await dashboardRegion(db, user, request.region);
  const asOf = request.asOf ?? shanghaiDate(await referenceDay(db, region.districtCode));
  const periods = dashboardPeriods(request.period, asOf);
  const top = request.top ?? 5;
  const idleDays = request.idleDays ?? 7;
  const inRegion = (g: GridInForce): boolean => g.communityCode.startsWith(region.code);
  const windows = [periods.current, periods.previous, periods.yearAgo] as const;
  const cur = win(periods.current);
  const code = region.code;

  // The whole answer, kept under the versions of everything it reads (dashboard-kept.ts).
  const special = user.permissions.includes('special_groups.aggregate');
  const kept: KeptDashboardAt = {
    districtCode: region.districtCode,
    key: JSON.stringify([code, periods.key, asOf, top, idleDays, [...user.jurisdictions].sort(), special]),
    version: await dashboardVersion(db, region),
  };
  const keptBody = await keptDashboard(db, kept);
  if (keptBody) return { body: keptBody, jobs: [] };

  const [profile, roles, households, settings, first] = await Promise.all([
    activeRuleProfile(db, region.districtCode),
    staffRoles(db, region.districtCode),
    regionHouseholds(db, region.districtCode, code),
    readAnalyticsSettings(db, region.districtCode),
    firstRecords(db, region.districtCode, code, periods.asOfEnd),
  ]);
  const records = (since: string | null) => recordsSince(since, periods.previous.from, periods.yearAgo.from);

  // Grids in force at each window's end, with their loads (memoised per analytics version).
  const grids = (await Promise.all(windows.map((w) => gridsInForce(db, region.districtCode, w.toMs, region.analyticsVersion)))).map((all) =>
    all.filter(inRegion),
  ) as [GridInForce[], GridInForce[], GridInForce[]];
  const gridCounts = grids.map((g) => countGrids(g, profile)) as unknown as readonly [
    ReturnType<typeof countGrids>,
    ReturnType<typeof countGrids>,
    ReturnType<typeof countGrids>,
  ];
  const waiting = (await Promise.all(windows.map((w) => plansWaiting(db, region.districtCode, code, w.toMs)))) as [number, number, number];
  // The periods mostly share their grids (no plan approved between them): each set counted once.
  const staffingOf = new Map<string, ReturnType<typeof countStaffing>>();
  const staffingOnce = (g: GridInForce[]): ReturnType<typeof countStaffing> => {
    const key = g.map((x) => `${x.code}/${x.zoneCode ?? ''}/${x.communityCode}`).join(',');
    if (!staffingOf.has(key)) staffingOf.set(key, countStaffing(db, region.districtCode, g, roles));
    return staffingOf.get(key)!;
  };
  const staffing = (await Promise.all(grids.map(staffingOnce))) as [
    Awaited<ReturnType<typeof countStaffing>>,
    Awaited<ReturnType<typeof countStaffing>>,
    Awaited<ReturnType<typeof countStaffing>>,
  ];

  const lastMonth = monthOf(periods.current.toMs - 1);
  const months = Array.from({ length: 13 }, (_, i) => addMonths(lastMonth, i - 12));
  // Incidents and their transitions are written together (seed, import), and every incident
  // write moves the version of its month (migration 0027; no longer the analytics version):
  // the section is worked out once per analytics version and newest month version — of every
  // month, as the overdue count reads incidents reported at any time before.
  const incidentKey = `dashboard.incidents:${code}:${windows.map((w) => `${w.fromMs}-${w.toMs}`).join(',')}:${periods.asOfEnd}:${top}`;
  const incidentVersion = `${region.analyticsVersion}.${Math.max(0, ...Object.values(region.incidentMonths))}`;
  const { incidents, series } = await memoAtVersion(db, incidentKey, incidentVersion, async () => {
    const section = await incidentSection(db, region.districtCode, code, windows, months, periods.asOfEnd, top);
    return { incidents: section.windows as [IncidentWindowFigures, IncidentWindowFigures, IncidentWindowFigures], series: section.series };
  });

  const gridsLink = (filter: MapLink['filter'] = {}): MapLink => mapLink('district', 'grids', cur, code, filter);
  const incidentsLink = (filter: MapLink['filter'] = {}): MapLink => mapLink('analyst', 'heat', cur, code, filter);
  const byCode = new Map(grids[0].map((g) => [g.code, g]));
  const categories = [...new Set(incidents.flatMap((i) => Object.keys(i.byCategory)))].sort(
    (a, b) => (incidents[0].byCategory[b] ?? 0) - (incidents[0].byCategory[a] ?? 0) || a.localeCompare(b),
  );

  const patrolScope: PatrolScope = {
    districtCode: region.districtCode,
    regionCode: code,
    jurisdictions: user.jurisdictions,
    createdBy: user.username,
  };
  const jobs = (await Promise.all(windows.map((w) => patrolDaysJob(db, patrolScope, w, request.inlinePatrolTracks ?? 24)))).filter(
    (j): j is Job => j !== null,
  );
  const patrols: Dashboard['patrols'] =
    jobs.length > 0
      ? { status: 'pending', idleDays, deadCornerDays: DEAD_CORNER_DAYS, jobs: jobs.map((job) => ({ job, href: `/api/jobs/${job.id}` })) }
      : await (async () => {
          const three = await patrolWindows(db, patrolScope, windows, idleDays);
          return {
            status: 'ready' as const,
            records: records(first.patrols),
            coverageShare: figure(three, (x) => round(x.coverageShare, 4), 'share', mapLink('analyst', 'coverage', cur, code)),
            notPatrolled: figure(three, (x) => x.notPatrolled, 'count', mapLink('analyst', 'coverage', cur, code, { idleDays })),
            idleDays,
            deadCorners: figure(
              three,
              (x) => x.deadCorners,
              'count',
              mapLink('analyst', 'tracks', cur, code, { deadCornerDays: DEAD_CORNER_DAYS }),
            ),
            deadCornerDays: DEAD_CORNER_DAYS,
          };
        })();

  const body: Dashboard = {
    region: { code, name: region.name, level: region.level },
    period: { key: periods.key, kind: periods.kind, current: cur, previous: win(periods.previous), yearAgo: win(periods.yearAgo) },
    asOf,
    households,
    grids: {
      count: figure(gridCounts, (g) => g.count, 'count', gridsLink()),
      withinShare: figure(gridCounts, (g) => round(g.withinShare, 4), 'share', gridsLink({ status: 'ok' })),
      within: figure(gridCounts, (g) => g.within, 'count', gridsLink({ status: 'ok' })),
      over: figure(gridCounts, (g) => g.over, 'count', gridsLink({ status: 'over' })),
      under: figure(gridCounts, (g) => g.under, 'count', gridsLink({ status: 'under' })),
      exceptions: {
        dedicated: figure(gridCounts, (g) => g.dedicated, 'count', gridsLink({ type: 'dedicated' })),
        singleUnitOverRule: figure(gridCounts, (g) => g.singleUnitOverRule, 'count', gridsLink({ exception: 'single_unit_over_rule' })),
      },
      plansWaiting: figure(waiting, (n) => n, 'count', mapLink('plans', 'plans', cur, code, { status: 'submitted' })),
      rule: {
        maxHouseholds: profile.maxHouseholds,
        maxPersons: profile.maxPersons,
        combine: profile.combine,
        underFillRatio: profile.underFillRatio,
      },
    },
    staffing: {
      roles,
      fullyStaffed: figure(staffing, (s) => s.fullyStaffed, 'count', gridsLink({ staffing: 'complete' })),
      fullyStaffedShare: figure(
        staffing,
        (s) => round(s.grids > 0 ? s.fullyStaffed / s.grids : null, 4),
        'share',
        gridsLink({ staffing: 'complete' }),
      ),
      vacancies: roles.map((role) => ({
        role: role.key,
        grids: figure(staffing, (s) => s.vacancies[role.key] ?? 0, 'count', gridsLink({ vacancy: role.key })),
      })),
    },
    incidents: {
      records: records(first.incidents),
      count: figure(incidents, (i) => i.count, 'count', incidentsLink()),
      per1000Households: figure(
        incidents,
        (i) => round(per1000(i.count, households), 2),
        'per_1000_households',
        mapLink('analyst', 'choropleth', cur, code, { metric: 'count' }),
      ),
      byCategory: categories.map((category) => ({
        category,
        count: figure(incidents, (i) => i.byCategory[category] ?? 0, 'count', incidentsLink({ categories: [category] })),
      })),
      closedShare: figure(
        incidents,
        (i) => round(i.count - i.voided > 0 ? i.closed / (i.count - i.voided) : null, 4),
        'share',
        mapLink('analyst', 'points', cur, code, { state: 'closed' }),
      ),
      medianHoursToClose: figure(
        incidents,
        (i) => round(i.medianHoursToClose, 1),
        'hours',
        mapLink('analyst', 'points', cur, code, { state: 'closed' }),
      ),
      overdueOpen: figure(incidents, (i) => i.overdueOpen, 'count', mapLink('analyst', 'points', cur, code, { overdue: true, open: true })),
      closedOverdue: figure(incidents, (i) => i.closedOverdue, 'count', mapLink('analyst', 'points', cur, code, { closure: 'overdue' })),
      returnedForRework: figure(incidents, (i) => i.returnedForRework, 'count', mapLink('analyst', 'points', cur, code, { rework: true })),
      heaviestGrids: incidents[0].heaviest.map((h) => {
        const g = byCode.get(h.code);
        const hh = g?.households ?? 0;
        return {
          code: h.code,
          name: g?.name ?? h.code,
          count: h.count,
          households: hh,
          per1000: round(per1000(h.count, hh), 2),
          link: mapLink('analyst', 'choropleth', cur, code, { grid: h.code, metric: 'count' }),
        };
      }),
      series: {
        months,
        count: series.map((m) => m.count),
        per1000Households: series.map((m) => round(per1000(m.count, households), 2)),
        closedShare: series.map((m) => round(m.count - m.voided > 0 ? m.closed / (m.count - m.voided) : null, 4)),
        medianHoursToClose: series.map((m) => round(m.medianHoursToClose, 1)),
        closedOverdue: series.map((m) => m.closedOverdue),
        returnedForRework: series.map((m) => m.returnedForRework),
      },
    },
    patrols,
  };
  if (special) body.specialGroups = await specialGroups(db, region, windows, settings.suppressionThreshold, cur, first.visits);
  // A pending patrol section changes as its jobs finish: not kept.
  if (jobs.length === 0) await keepDashboard(db, kept, body);
  return { body, jobs };
}

async function regionHouseholds(db: Db, districtCode: string, regionCode: string): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT coalesce(sum(households), 0)::float8 AS n FROM buildings WHERE district_code = $1 AND community_code LIKE $2 || '%'`,
    [districtCode, regionCode],
  );
  return Number(r.rows[0]?.n ?? 0);
}

async function specialGroups(
  db: Db,
  region: RegionScope,
  windows: readonly [DayWindow, DayWindow, DayWindow],
  threshold: number,
  cur: DashboardWindow,
  since: string | null,
): Promise<NonNullable<Dashboard['specialGroups']>> {
  const counts = (await visitCounts(db, region.districtCode, region.code, windows)) as [VisitCounts[], VisitCounts[], VisitCounts[]];
  const [now, before, yearAgo] = counts.map((c) => suppressVisits(c, threshold)) as [
    ReturnType<typeof suppressVisits>,
    ReturnType<typeof suppressVisits>,
    ReturnType<typeof suppressVisits>,
  ];
  const cadence = cadenceWindows(windows[0]);
  const names = new Map(SPECIAL_GROUP_CATEGORIES.map((c) => [c.key, c]));
  // A comparison reads each category's cadence window (month, quarter or year to date) of its period: the earliest decides.
  const earliest = (w: DayWindow): string => {
    const c = cadenceWindows(w);
    return counts[0].map((row) => c[row.cadence].from).reduce((a, b) => (b < a ? b : a), w.from);
  };
  return {
    threshold,
    records: recordsSince(since, earliest(windows[1]), earliest(windows[2])),
    rows: counts[0].map((c, i) => ({
      category: c.category,
      zh: names.get(c.category)?.zh ?? c.category,
      en: names.get(c.category)?.en ?? c.category,
      cadence: c.cadence,
      window: cadence[c.cadence],
      due: now.rows[i]!.due,
      done: now.rows[i]!.done,
      previous: { due: before.rows[i]!.due, done: before.rows[i]!.done },
      yearAgo: { due: yearAgo.rows[i]!.due, done: yearAgo.rows[i]!.done },
      link: mapLink('analyst', 'special', cur, region.code, { category: c.category }),
    })),
    total: now.total,
  };
}
