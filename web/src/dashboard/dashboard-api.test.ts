import type { Dashboard, DashboardFigure, DashboardMapLink, SuppressedCellValue } from '@gridatlas/api/contract';
import { describe, expect, it } from 'vitest';
import { mapLink, toModel } from './dashboard-api';

const period = { from: '2026-03-01', to: '2026-04-01' };
const link = (view: DashboardMapLink['view'], layer: string, filter: DashboardMapLink['filter'] = {}): DashboardMapLink => ({
  view,
  layer,
  period,
  region: '440303',
  filter,
});
const fig = (
  value: number | null,
  previous: number | null,
  yearAgo: number | null,
  unit: DashboardFigure['unit'] = 'count',
): DashboardFigure => ({
  value,
  previous,
  yearAgo,
  unit,
  link: link('analyst', 'heat'),
});

/** The visits section with one category (独居老人), its year-ago comparison partial. */
const elderlyAlone = (done: SuppressedCellValue, yearAgoDone: number): NonNullable<Dashboard['specialGroups']> => ({
  threshold: 5,
  records: { since: '2025-06-01', previousPartial: false, yearAgoPartial: true },
  total: { due: { count: 40 }, done: { count: 30 } },
  rows: [
    {
      category: 'elderly_alone',
      zh: '独居老人',
      en: 'Elderly living alone',
      cadence: 'monthly',
      window: period,
      due: { count: 20 },
      done,
      previous: { due: { count: 20 }, done: { count: 10 } },
      yearAgo: { due: { count: 18 }, done: { count: yearAgoDone } },
      link: link('analyst', 'special', { category: 'elderly_alone' }),
    },
  ],
});

function dashboard(overrides: Partial<Dashboard> = {}): Dashboard {
  const months = Array.from({ length: 13 }, (_, i) => `2025-${String(i + 3).padStart(2, '0')}`);
  return {
    region: { code: '440303', name: '罗湖区', level: 'district' },
    period: {
      key: '2026-03',
      kind: 'month',
      current: period,
      previous: { from: '2026-02-01', to: '2026-03-01' },
      yearAgo: { from: '2025-03-01', to: '2025-04-01' },
    },
    asOf: '2026-04-10',
    households: 30000,
    grids: {
      count: fig(100, 98, 90),
      withinShare: fig(0.9, 0.88, 0.8, 'share'),
      within: fig(90, 86, 72),
      over: fig(6, 7, 10),
      under: fig(4, 5, 8),
      exceptions: { dedicated: fig(2, 2, 1), singleUnitOverRule: fig(1, 1, 1) },
      plansWaiting: fig(1, 0, 0),
      rule: { maxHouseholds: 300, maxPersons: 1000, combine: 'or', underFillRatio: 0.4 },
    },
    staffing: {
      roles: [{ key: 'police', zh: '民警', en: 'police officer' }],
      fullyStaffed: fig(80, 78, null),
      fullyStaffedShare: fig(0.8, 0.78, null, 'share'),
      vacancies: [{ role: 'police', grids: fig(20, 22, null) }],
    },
    incidents: {
      records: { since: '2024-01-05', previousPartial: false, yearAgoPartial: false },
      count: fig(500, 450, 520),
      per1000Households: fig(16.7, 15, 17.3, 'per_1000_households'),
      byCategory: [{ category: '噪音扰民', count: { ...fig(50, 40, 45), link: link('analyst', 'heat', { categories: ['噪音扰民'] }) } }],
      closedShare: fig(0.92, 0.9, 0.85, 'share'),
      medianHoursToClose: fig(30, 32, 40, 'hours'),
      overdueOpen: fig(3, 4, 9),
      closedOverdue: fig(10, 12, 20),
      returnedForRework: fig(5, 5, 7),
      heaviestGrids: [
        {
          code: '440303001001',
          name: '一网格',
          count: 30,
          households: 300,
          per1000: 100,
          link: link('analyst', 'choropleth', { grid: '440303001001', metric: 'count' }),
        },
      ],
      series: {
        months,
        count: months.map((_, i) => 400 + i),
        per1000Households: months.map(() => null),
        closedShare: months.map(() => 0.9),
        medianHoursToClose: months.map(() => 30),
        closedOverdue: months.map(() => 10),
        returnedForRework: months.map(() => 5),
      },
    },
    patrols: { status: 'pending', idleDays: 7, deadCornerDays: 30, jobs: [] },
    ...overrides,
  };
}

describe('toModel', () => {
  it('names the windows of patrol figures still being worked out', () => {
    const patrols = toModel(dashboard()).sections.find((s) => s.key === 'patrols')!.figures;
    expect(patrols.map((f) => [f.key, f.missing, f.params])).toEqual([
      ['coverageShare', 'pending', undefined],
      ['notPatrolled', 'pending', { days: 7 }],
      ['deadCorners', 'pending', { days: 30 }],
    ]);
  });

  it('orders sections and figures, with which way is better and the sparkline series', () => {
    const m = toModel(dashboard());
    expect(m.sections.map((s) => s.key)).toEqual(['grids', 'staffing', 'incidents', 'patrols']);
    const incidents = m.sections[2]!.figures;
    expect(incidents.map((f) => [f.key, f.better])).toEqual([
      ['count', 'down'],
      ['per1000Households', 'down'],
      ['closedShare', 'up'],
      ['medianHoursToClose', 'down'],
      ['overdueOpen', 'down'],
      ['closedOverdue', 'down'],
      ['returnedForRework', 'down'],
    ]);
    expect(incidents[0]).toMatchObject({ value: 500, previous: 450, lastYear: 520, unit: 'count' });
    expect(incidents[0]!.series).toHaveLength(13);
    expect(incidents[1]!.unit).toBe('perThousand');
    expect(m.sections[0]!.figures[1]).toMatchObject({ key: 'withinShare', unit: 'share', detail: '90 / 100' });
    expect(m.sections[1]!.figures[1]).toMatchObject({ key: 'vacancy.police', label: { zh: '民警', en: 'police officer' } });
    expect(m.categories).toEqual([expect.objectContaining({ category: '噪音扰民', value: 50, previous: 40, lastYear: 45 })]);
    expect(m.heaviest[0]).toMatchObject({ code: '440303001001', count: 30, perThousand: 100 });
  });

  it('says patrols are being computed instead of showing zeros, and leaves special groups out when absent', () => {
    const patrols = toModel(dashboard()).sections.find((s) => s.key === 'patrols')!;
    expect(patrols.figures.every((f) => f.value === null && f.missing === 'pending')).toBe(true);
    expect(toModel(dashboard()).sections.some((s) => s.key === 'special')).toBe(false);
  });

  it('marks the comparisons of a section that reach before its first record, and no other', () => {
    const whole = toModel(dashboard());
    expect(whole.sections.flatMap((s) => s.figures).some((f) => f.partialSince !== undefined)).toBe(false);
    const base = dashboard();
    const m = toModel(
      dashboard({
        incidents: { ...base.incidents, records: { since: '2025-11-03', previousPartial: true, yearAgoPartial: true } },
        patrols: {
          status: 'ready',
          records: { since: '2026-02-10', previousPartial: true, yearAgoPartial: true },
          coverageShare: fig(0.6, 0.1, 0, 'share'),
          notPatrolled: fig(2, 9, 10),
          idleDays: 7,
          deadCorners: fig(4, 30, 30),
          deadCornerDays: 30,
        },
      }),
    );
    const incidents = m.sections.find((s) => s.key === 'incidents')!.figures;
    for (const f of incidents) expect(f.partialSince, f.key).toEqual({ previous: '2025-11-03', lastYear: '2025-11-03' });
    expect(m.categories[0]!.partialSince).toEqual({ previous: '2025-11-03', lastYear: '2025-11-03' });
    const patrols = m.sections.find((s) => s.key === 'patrols')!.figures;
    for (const f of patrols) expect(f.partialSince, f.key).toEqual({ previous: '2026-02-10', lastYear: '2026-02-10' });
    // Grids and staffing are states at each period's end: never partial.
    for (const f of [...m.sections[0]!.figures, ...m.sections[1]!.figures]) expect(f.partialSince, f.key).toBeUndefined();
    // Only the year-ago comparison of the visits.
    const special = toModel(
      dashboard({
        specialGroups: elderlyAlone({ count: 15 }, 0),
      }),
    ).sections.find((s) => s.key === 'special')!.figures;
    // The total has no earlier periods to compare with; the category's year-ago comparison is partial.
    expect(special[0]!.partialSince).toBeUndefined();
    expect(special[1]!.partialSince).toEqual({ lastYear: '2025-06-01' });
  });

  it('turns visits into shares done, keeping suppressed cells as text', () => {
    const m = toModel(
      dashboard({
        specialGroups: elderlyAlone({ suppressed: true, display: '<5', reason: 'small' }, 9),
      }),
    );
    const special = m.sections.find((s) => s.key === 'special')!.figures;
    expect(special[0]).toMatchObject({ key: 'total', value: 0.75, detail: '30 / 40', unit: 'share' });
    expect(special[1]).toMatchObject({
      value: null,
      missing: 'suppressed',
      previous: 0.5,
      lastYear: 0.5,
      detail: '<5 / 20',
      cadence: 'monthly',
    });
    expect(special[1]!.link).toEqual({
      view: 'analyst',
      state: { layer: 'special', from: '2026-03-01', to: '2026-04-01', region: '440303', specialCategory: 'elderly_alone' },
    });
  });
});

describe('mapLink', () => {
  it('opens the analyst view with the filter the figure names', () => {
    expect(mapLink(link('analyst', 'heat', { categories: ['噪音扰民'] }))).toEqual({
      view: 'analyst',
      state: { layer: 'heat', from: '2026-03-01', to: '2026-04-01', region: '440303', categories: ['噪音扰民'] },
    });
    expect(mapLink(link('analyst', 'choropleth', { grid: 'g1', metric: 'count' }))).toMatchObject({
      state: { layer: 'choropleth', metric: 'count', grid: 'g1' },
    });
  });

  it('shows dead corners on the coverage layer with their days', () => {
    expect(mapLink(link('analyst', 'tracks', { deadCornerDays: 30 }))).toMatchObject({ state: { layer: 'coverage', deadDays: 30 } });
  });

  it('opens the district map for grid and plan figures', () => {
    expect(mapLink(link('district', 'grids', { status: 'over' }))).toEqual({ view: 'map', region: '440303' });
    expect(mapLink(link('plans', 'plans'))).toEqual({ view: 'map', region: '440303' });
  });
});
