/**
 * Buildings the tiny district's grids cut, added to a seeded test database, and what core's
 * `placeUnits` says every grid of a plan holds with them — the answer each route that counts
 * buildings, households, persons or special-group people per grid must give.
 *
 * The L-shaped footprints are drawn so that their point on surface (ST_PointOnSurface, core's
 * representativePoint) lies in the grid holding the SMALLER share: counting by that point puts
 * them in the wrong grid. The point building lies exactly on the edge between two grids (the
 * smallest code holds it), where ST_Contains holds it in neither.
 */
import { placeUnits, representativePoint, type PlanUnit } from '@gridatlas/core';
import type { Point, Polygon } from 'geojson';
import type { Db } from '../db/db.types.js';
import { tinyDistrict, TINY_COMMUNITY_EAST, TINY_COMMUNITY_WEST, TINY_DISTRICT_CODE } from './tiny-district.fixture.js';

export interface CutBuilding {
  id: number;
  communityCode: string;
  name: string;
  footprint: Polygon | Point;
  households: number;
  persons: number;
}

/**
 * An L: a low bar west of `x` (most of the area) and a tall column astride `x` reaching north,
 * in degrees from the corner `[x - 0.001, y]`. The scan line through the column's middle
 * decides the point on surface, which falls east of `x`; about 2/3 of the area lies west of it.
 */
function lWestHeavy(x: number, y: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x - 0.001, y],
        [x + 0.0002, y],
        [x + 0.0002, y + 0.001],
        [x - 0.00005, y + 0.001],
        [x - 0.00005, y + 0.0004],
        [x - 0.001, y + 0.0004],
        [x - 0.001, y],
      ],
    ],
  };
}

export const CUT_BUILDINGS: readonly CutBuilding[] = [
  // Astride 西一 | 西二 (x = 108.91): most of it in 西一, its point on surface in 西二.
  { id: 101, communityCode: TINY_COMMUNITY_WEST, name: 'L楼', footprint: lWestHeavy(108.91, 34.2015), households: 90, persons: 260 },
  // In 东一 whole; astride the draft's 东二 | 东三 (x = 108.93): most in 东二, its point in 东三.
  { id: 102, communityCode: TINY_COMMUNITY_EAST, name: '东L楼', footprint: lWestHeavy(108.93, 34.2165), households: 70, persons: 200 },
  // A building known by its address only, on the edge 西一 | 西二: the smaller code holds it.
  {
    id: 103,
    communityCode: TINY_COMMUNITY_WEST,
    name: '门牌点',
    footprint: { type: 'Point', coordinates: [108.91, 34.2185] },
    households: 15,
    persons: 40,
  },
];

/** Special-group people added with the cut buildings: every non-empty cell reaches 5, so none is suppressed. */
export const CUT_SPECIAL_GROUPS: readonly { id: number; buildingId: number; category: string }[] = [
  ...[1, 2, 3, 4].map((k) => ({ id: 100 + k, buildingId: 1, category: 'elderly_alone' })),
  ...[1, 2, 3, 4].map((k) => ({ id: 110 + k, buildingId: 1, category: 'disabled' })),
  ...[1, 2, 3, 4].map((k) => ({ id: 120 + k, buildingId: 4, category: 'veteran' })),
  ...[1, 2, 3, 4, 5, 6].map((k) => ({ id: 130 + k, buildingId: 101, category: 'low_income' })),
  ...[1, 2, 3, 4, 5].map((k) => ({ id: 140 + k, buildingId: 102, category: 'low_income' })),
  ...[1, 2, 3, 4, 5].map((k) => ({ id: 150 + k, buildingId: 103, category: 'mental_illness' })),
];

/** Adds the cut buildings and the special-group people to a database seeded with the tiny district. */
export async function addCutBuildings(db: Db): Promise<void> {
  await db.query(
    `INSERT INTO buildings (district_code, id, compound_id, community_code, name, footprint, floors, units, households, persons)
     SELECT $1, (e->>'id')::bigint, NULL, e->>'communityCode', e->>'name', ST_SetSRID(ST_GeomFromGeoJSON(e->>'footprint'), 4326), 6, 2,
       (e->>'households')::int, (e->>'persons')::int
     FROM jsonb_array_elements($2::jsonb) e`,
    [TINY_DISTRICT_CODE, JSON.stringify(CUT_BUILDINGS.map((b) => ({ ...b, footprint: JSON.stringify(b.footprint) })))],
  );
  await db.query(
    `INSERT INTO special_group_records (district_code, id, building_id, category, since)
     SELECT $1, (e->>'id')::bigint, (e->>'buildingId')::bigint, e->>'category', DATE '2024-01-01' FROM jsonb_array_elements($2::jsonb) e`,
    [TINY_DISTRICT_CODE, JSON.stringify(CUT_SPECIAL_GROUPS)],
  );
}

/** Every building of the tiny district plus the cut ones, as core's units (id = building id). */
export function tinyUnitsWithCut(): PlanUnit[] {
  const all = [...tinyDistrict.buildings, ...CUT_BUILDINGS];
  return all.map((b) => {
    if (b.footprint.type === 'Point') {
      const [x, y] = b.footprint.coordinates as [number, number];
      return { id: String(b.id), point: [x, y], households: b.households, persons: b.persons };
    }
    const rings = b.footprint.coordinates as [number, number][][];
    return { id: String(b.id), point: representativePoint(rings), households: b.households, persons: b.persons, footprint: rings };
  });
}

export interface PlacedCounts {
  /** Per grid code of the plan, in code order: what it holds. */
  grids: Map<string, { households: number; persons: number; buildings: number }>;
  /** The grid holding each building (by id), null when none does. */
  gridOf: Map<string, string | null>;
}

/** What each grid of plan `planId` holds by core's rule, with the cut buildings. */
export function placedByCore(planId: number): PlacedCounts {
  const plan = tinyDistrict.plans.find((p) => p.id === planId);
  if (!plan) throw new Error(`no plan ${planId} in the fixture`);
  const grids = [...plan.grids].sort((a, b) => (a.code < b.code ? -1 : 1));
  const units = tinyUnitsWithCut();
  const placed = placeUnits(units, grids);
  const counts = new Map(grids.map((g) => [g.code, { households: 0, persons: 0, buildings: 0 }]));
  const gridOf = new Map<string, string | null>();
  units.forEach((u, i) => {
    const g = placed[i]!.grid;
    gridOf.set(u.id, g < 0 ? null : grids[g]!.code);
    if (g < 0) return;
    const c = counts.get(grids[g]!.code)!;
    c.households += u.households;
    c.persons += u.persons;
    c.buildings += 1;
  });
  return { grids: counts, gridOf };
}

/** Special-group people per grid and category by core's placement (null: buildings in no grid). */
export function specialGroupsByCore(planId: number): Map<string | null, Record<string, number>> {
  const { gridOf } = placedByCore(planId);
  const people = [...tinyDistrict.specialGroups, ...CUT_SPECIAL_GROUPS];
  const out = new Map<string | null, Record<string, number>>();
  for (const p of people) {
    const grid = gridOf.get(String(p.buildingId)) ?? null;
    const row = out.get(grid) ?? {};
    row[p.category] = (row[p.category] ?? 0) + 1;
    out.set(grid, row);
  }
  return out;
}
