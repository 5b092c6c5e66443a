/**
 * A year of incidents (事件) through the closed loop of DESIGN.md: report → accept (or void)
 * → register → dispatch (deadline starts) → in progress → feedback → verify (a failed check
 * goes back to dispatch, rework + 1) → closed → evaluated. The history stops at the reference
 * date, so recent incidents are still mid-flow.
 */
import type { Random } from '@gridatlas/core';
import type { BuildingRecord, IncidentClosure, IncidentRecord, IncidentState, IncidentTransitionRecord } from '../district.types.js';
import type { XY } from './local-frame.js';
import { toLngLat, toXY } from './local-frame.js';
import type { Roster } from './staff.js';
import { beijingMidnight, DAY_MS, iso } from './time.js';

const HOUR = 3_600_000;

/** Category, relative frequency, and how much more often it happens in summer (0 = flat). */
export const INCIDENT_CATEGORIES: readonly [string, number, number][] = [
  ['环境卫生', 26, 0.5],
  ['市政设施', 14, 0.2],
  ['矛盾纠纷', 12, 0],
  ['治安隐患', 10, 0.1],
  ['噪音扰民', 8, 0.7],
  ['违章搭建', 7, 0.2],
  ['民生服务', 9, 0],
  ['消防安全', 6, -0.4],
  ['食品安全', 4, 0.4],
  ['安全生产', 4, 0],
];

export const INCIDENT_CHANNELS: readonly [string, number][] = [
  ['网格员上报', 48],
  ['12345热线', 22],
  ['群众来访', 10],
  ['微信小程序', 14],
  ['视频巡查', 6],
];

export interface IncidentContext {
  buildings: readonly BuildingRecord[];
  /** Centre of each building in local metres, parallel to `buildings`. */
  centres: readonly XY[];
  gridOfBuilding: ReadonlyMap<number, string>;
  zoneOfGrid: ReadonlyMap<string, string | null>;
  communityOfBuilding: ReadonlyMap<number, string>;
  roster: Roster;
  referenceDate: string;
}

export function generateIncidents(rng: Random, ctx: IncidentContext, count: number): IncidentRecord[] {
  const end = beijingMidnight(ctx.referenceDate, 0);
  const cumulative: number[] = [];
  let total = 0;
  for (const b of ctx.buildings) cumulative.push((total += b.households));
  const out: IncidentRecord[] = [];
  for (let n = 0; n < count; n++) {
    // Buildings weighted by households (binary search on the cumulative sums).
    const target = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    const building = ctx.buildings[lo]!;
    const [cx, cy] = ctx.centres[lo]!;
    const spot = toLngLat([cx + rng.normal(0, 15), cy + rng.normal(0, 15)]);
    const day = rng.int(0, 364);
    const t0 = end - (day + 1) * DAY_MS + (7 + rng.next() * 14) * HOUR;
    const month = new Date(t0).getUTCMonth();
    const summer = Math.cos(((month - 6.5) / 6) * Math.PI); // +1 in July, −1 in January
    const category = rng.weighted(INCIDENT_CATEGORIES.map(([c, w, s]) => [c, w * (1 + s * summer * 0.6)] as const));
    const grid = ctx.gridOfBuilding.get(building.id) ?? null;
    const channel = rng.weighted(INCIDENT_CHANNELS);
    // Small matters stay in the grid, ordinary disputes in the community.
    const escalationLevel = rng.weighted([
      [1, 80],
      [2, 14],
      [3, 5],
      [4, 1],
    ] as const);
    const flow = simulateFlow(rng, ctx, { t0, end, grid, building, spot, channel, escalationLevel });
    out.push({
      id: n + 1,
      code: `SJ${new Date(t0 + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '')}${String(n + 1).padStart(6, '0')}`,
      category,
      channel,
      location: { type: 'Point', coordinates: spot },
      reportedAt: iso(t0),
      escalationLevel,
      buildingId: building.id,
      ...flow,
    });
  }
  out.sort((a, b) => a.reportedAt.localeCompare(b.reportedAt) || a.id - b.id);
  return out;
}

type Flow = Pick<IncidentRecord, 'state' | 'closure' | 'reworkCount' | 'deadlineAt' | 'transitions'>;

interface Case {
  t0: number;
  end: number;
  grid: string | null;
  building: BuildingRecord;
  spot: number[];
  channel: string;
  escalationLevel: number;
}

/** Who reports through each channel: grid workers on the spot, residents, the hotline, video. */
function reporter(ctx: IncidentContext, c: Case, worker: number | null, community: string): [number | null, string, boolean] {
  switch (c.channel) {
    case '网格员上报':
      return [worker, 'information_officer', true];
    case '视频巡查':
      return [ctx.roster.managerOfCommunity.get(community) ?? null, 'community_manager', false];
    case '12345热线':
      return [null, 'hotline', false];
    default:
      return [null, 'resident', c.channel === '群众来访'];
  }
}

function simulateFlow(rng: Random, ctx: IncidentContext, c: Case): Flow {
  const { t0, end, grid, building, spot } = c;
  const community = ctx.communityOfBuilding.get(building.id)!;
  const worker = grid ? (ctx.roster.workerOfGrid.get(grid) ?? null) : null;
  const zone = grid ? ctx.zoneOfGrid.get(grid) : null;
  const manager = (zone ? ctx.roster.managerOfZone.get(zone) : undefined) ?? ctx.roster.managerOfCommunity.get(community) ?? null;
  // The level that handles the case dispatches and verifies it.
  const [handler, handlerRole] =
    c.escalationLevel === 1
      ? [manager, 'zone_manager']
      : c.escalationLevel === 2
        ? [ctx.roster.managerOfCommunity.get(community) ?? null, 'community_manager']
        : [ctx.roster.supervisorOfSubdistrict.get(community.slice(0, 9)) ?? null, 'supervisor'];
  const point = { type: 'Point' as const, coordinates: spot };
  const steps: IncidentTransitionRecord[] = [];
  let t = t0;
  let state: IncidentState = 'reported';
  let closure: IncidentClosure | null = null;
  let rework = 0;
  let deadline: number | null = null;
  const step = (
    s: IncidentState,
    after: number,
    actor: number | null,
    role: string,
    here: boolean,
    note: string | null = null,
  ): boolean => {
    const at = t + after;
    if (at >= end) return false;
    t = at;
    state = s;
    steps.push({ state: s, at: iso(t), actorStaffId: actor, actorRole: role, location: here ? point : null, note });
    return true;
  };
  const done = (): Flow => ({
    state,
    closure,
    reworkCount: rework,
    deadlineAt: deadline === null ? null : iso(deadline),
    transitions: steps,
  });

  const [by, role, onSite] = reporter(ctx, c, worker, community);
  step('reported', 0, by, role, onSite);
  if (rng.chance(0.04)) {
    step('voided', rng.range(0.3, 4) * HOUR, manager, 'zone_manager', false, '重复上报或不属实');
    return done();
  }
  if (!step('accepted', rng.range(0.2, 4) * HOUR, manager, 'zone_manager', false)) return done();
  if (!step('registered', rng.range(0.1, 1) * HOUR, manager, 'zone_manager', false)) return done();
  const limitDays = rng.pick([1, 3, 3, 5, 7]);
  for (;;) {
    if (!step('dispatched', rng.range(0.2, 3) * HOUR, handler, handlerRole, false, c.escalationLevel === 4 ? '报区级部门协调' : null))
      return done();
    deadline = t + limitDays * DAY_MS;
    if (!step('in_progress', rng.range(1, 20) * HOUR, worker, 'information_officer', true)) return done();
    if (!step('feedback', rng.range(0.1, limitDays * 1.25) * DAY_MS, worker, 'information_officer', true)) return done();
    const passed = !rng.chance(0.08) || rework >= 2;
    if (!step('verified', rng.range(1, 30) * HOUR, worker, 'information_officer', true, passed ? null : '核查未通过，退回重办'))
      return done();
    if (passed) break;
    rework += 1;
  }
  const kind: IncidentClosure = rng.chance(0.02) ? 'erroneous' : rng.chance(0.01) ? 'special' : t > deadline! ? 'overdue' : 'normal';
  if (!step('closed', rng.range(0.5, 12) * HOUR, handler, handlerRole, false)) return done();
  closure = kind;
  step('evaluated', rng.range(1, 4) * DAY_MS, ctx.roster.managerOfCommunity.get(community) ?? null, 'community_manager', false);
  return done();
}

export const centreOf = (footprint: BuildingRecord['footprint']): XY => {
  const ring = footprint.coordinates[0]!.slice(0, -1);
  const sum = ring.reduce<XY>(
    (s, p) => {
      const [x, y] = toXY(p);
      return [s[0] + x, s[1] + y];
    },
    [0, 0],
  );
  return [sum[0] / ring.length, sum[1] / ring.length];
};
