/**
 * The synthetic demo district, generated deterministically from a seed: the same options
 * give the same district on every machine.
 */
import { createRandom } from '@gridatlas/core';
import type {
  BuildingRecord,
  CompoundRecord,
  DistrictDataset,
  GenerateOptions,
  GridRecord,
  StreetRecord,
  ZoneRecord,
} from '../district.types.js';
import { layoutCommunity, type CommunityLayout, type IdCounters } from './community-layout.js';
import { planCommunity, type CommunityPlan } from './current-plan.js';
import { centreOf, generateIncidents } from './incidents.js';
import { buildLattice } from './lattice.js';
import { generatePatrols, patrolLoop } from './patrols.js';
import { DISTRICT_CODE, layoutRegions } from './regions.js';
import { specialGroupRecords } from './special-groups.js';
import { buildRoster } from './staff.js';
import { generateVisits } from './visits.js';

export const DEFAULT_REFERENCE_DATE = '2026-11-01';

const SCALES = {
  // 8 × 5 = 40 communities in 6 subdistricts.
  default: { cols: 8, rows: 5, dropped: [] as [number, number][], groupCols: 3, groupRows: 3, density: 0.74 },
  // 14 × 10 − 6 = 134 communities in 9 subdistricts, like Lianhu district, Xi'an.
  lianhu: {
    cols: 14,
    rows: 10,
    dropped: [
      [0, 0],
      [1, 0],
      [0, 1],
      [13, 9],
      [12, 9],
      [13, 8],
    ] as [number, number][],
    groupCols: 5,
    groupRows: 4,
    density: 0.66,
  },
} as const;

export function generateDistrict(options: GenerateOptions = {}): DistrictDataset {
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 'default';
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  const spec = SCALES[scale];
  const rng = createRandom(seed);

  const lattice = buildLattice(rng.fork('lattice'), spec.cols, spec.rows, spec.dropped);
  const { regions, communities, streets } = layoutRegions(rng.fork('regions'), lattice, spec.groupCols, spec.groupRows);

  const ids: IdCounters = { compound: 0, building: 0 };
  const layoutRng = rng.fork('layout');
  const layouts: CommunityLayout[] = communities.map((c) => layoutCommunity(layoutRng.fork(c.code), c, ids, streets, spec.density));
  const compounds: CompoundRecord[] = layouts.flatMap((l) => l.blocks.map((b) => b.compound));
  const buildings: BuildingRecord[] = layouts.flatMap((l) => l.blocks.flatMap((b) => b.buildings));

  const planRng = rng.fork('plan');
  const plans: CommunityPlan[] = layouts.map((l) => planCommunity(planRng.fork(l.community.code), l));
  const grids: GridRecord[] = plans.flatMap((p) => p.grids);
  const zones: ZoneRecord[] = plans.flatMap((p) => p.zones);
  const gridOfBuilding = new Map(plans.flatMap((p) => [...p.gridOfBuilding]));

  const roster = buildRoster(rng.fork('staff'), regions, zones, grids);
  const specialGroups = specialGroupRecords(rng.fork('special-groups'), buildings, referenceDate);

  const households = buildings.reduce((s, b) => s + b.households, 0);
  const incidents = generateIncidents(
    rng.fork('incidents'),
    {
      buildings,
      centres: buildings.map((b) => centreOf(b.footprint)),
      gridOfBuilding,
      zoneOfGrid: new Map(grids.map((g) => [g.code, g.zoneCode])),
      communityOfBuilding: new Map(buildings.map((b) => [b.id, b.communityCode])),
      roster,
      referenceDate,
    },
    Math.round(households * 0.15),
  );

  const workers = layouts.flatMap((l, n) =>
    [...plans[n]!.rectOfGrid].map(([gridCode, rect]) => ({
      staffId: roster.workerOfGrid.get(gridCode)!,
      gridCode,
      loop: patrolLoop(l, rect),
    })),
  );
  const patrolTracks = generatePatrols(rng.fork('patrols'), workers, referenceDate);

  const buildingsOfGrid = new Map<string, number[]>();
  for (const [b, g] of gridOfBuilding) {
    const list = buildingsOfGrid.get(g);
    if (list) list.push(b);
    else buildingsOfGrid.set(g, [b]);
  }
  const buildingsWith = (...categories: string[]): Set<number> =>
    new Set(specialGroups.filter((s) => categories.includes(s.category)).map((s) => s.buildingId));
  const visits = generateVisits(
    rng.fork('visits'),
    grids.map((g) => ({ staffId: roster.workerOfGrid.get(g.code)!, buildingIds: buildingsOfGrid.get(g.code) ?? [] })),
    buildingsWith('elderly_alone'),
    buildingsWith('low_income', 'disabled'),
    referenceDate,
  );

  const numbered: StreetRecord[] = streets.map((s, n) => ({ ...s, id: n + 1 }));
  return {
    seed,
    scale,
    referenceDate,
    synthetic: true,
    regions,
    streets: numbered,
    compounds,
    buildings,
    zones,
    plans: [
      {
        id: 1,
        regionCode: DISTRICT_CODE,
        name: '现行网格方案',
        status: 'approved',
        author: '区网格办',
        createdAt: '2024-03-01T02:00:00.000Z',
        approvedAt: '2024-03-15T02:00:00.000Z',
        grids,
      },
    ],
    staff: roster.staff,
    assignments: roster.assignments,
    incidents,
    patrolTracks,
    visits,
    specialGroups,
  };
}
