/**
 * `gridatlas rebalance`: brings an existing plan back within the rule after household counts
 * change, touching only grids over the rule and their neighbours; every other grid is
 * written out with the very geometry, code and other properties it came with (its counts,
 * `unit_ids` and `changed: false` brought up to date). Point units are cut into blocks by the
 * streets and the old grid outlines, so each block lies in one old grid. The report sets the households
 * moved against those a from-scratch `delineate` of the same units would move (its grids
 * matched to the old ones by shared households). Exit 0: within the rule (or reported
 * indivisible exceptions); 1: grids still over; 2: bad input.
 */
import { resolve } from 'node:path';
import type { Feature, FeatureCollection, LineString, Polygon } from 'geojson';
import {
  assignmentMoves,
  buildUnits,
  REBALANCE_UNIT_SHARE,
  delineate,
  delineateCommunity,
  geometryBBox,
  pointInPolygon,
  polygonAdjacency,
  rebalance,
  representativePoint,
  type EngineException,
  type EngineUnit,
  type PlanGrid,
  type RebalanceGrid,
  type RebalanceGridInput,
  type RebalanceReport,
  type RuleProfile,
} from '@gridatlas/core';
import type { Command } from './command.js';
import { engineOptions, profileOf, readEngineInput, required, seedOf, writeJson, type EngineInput, type GeometryReports } from './engine-io.js';
import { geometryReportLines } from './read-geometry.js';
import { readFeatures, readGrids } from './validate-input.js';

export interface RebalanceCommandReport {
  input: { plan: string; units: string; kind: EngineInput['kind']; out: string; json?: string; seed: number };
  profile: RuleProfile;
  /** How units were given to the plan's grids: the grids' `unit_ids`, or the grid holding each unit's representative point. */
  assignedBy: 'unit_ids' | 'point';
  /** Units in no grid of the plan (they join the neighbour they share most edge with). */
  unassignedUnits: number;
  /** `unit_ids` of the plan naming no unit. */
  unknownUnitIds: number;
  gridsBefore: number;
  gridsAfter: number;
  violating: string[];
  changedGrids: string[];
  addedGrids: string[];
  actions: RebalanceReport['actions'];
  householdsMoved: number;
  /** Units moved (buildings, for point units). */
  buildingsMoved: number;
  unitsMoved: number;
  remaining: string[];
  exceptions: EngineException[];
  /** The same units divided again from scratch. */
  scratch: { grids: number; householdsMoved: number; buildingsMoved: number };
  /** householdsMoved ÷ scratch.householdsMoved. */
  ratio: number | null;
  runMs: { read: number; rebalance: number; scratch: number; total: number };
  /** The normalising step's report of each file read: repairs and rejections by feature id. */
  geometry: GeometryReports;
}

/** The plan's unit ids per grid, when every grid lists them. */
function planUnitIds(features: readonly Feature[]): string[][] | null {
  const lists = features.map((f) => f.properties?.unit_ids);
  if (!lists.every((l) => Array.isArray(l))) return null;
  return lists.map((l) => (l as unknown[]).map(String));
}

/** Index of the grid holding each point, -1 for none (bbox first, then the exact test). */
function gridOfPoints(grids: readonly PlanGrid[], points: readonly [number, number][]): Int32Array {
  const boxes = grids.map((g) => geometryBBox(g.geometry));
  return Int32Array.from(points, (p) => {
    for (let i = 0; i < grids.length; i++) {
      const b = boxes[i]!;
      if (p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3] && pointInPolygon(p, grids[i]!.geometry)) return i;
    }
    return -1;
  });
}

/** Grid outlines as lines, so blocks built from points are also cut where the old grids meet. */
function outlines(grids: readonly PlanGrid[]): LineString[] {
  return grids.flatMap((g) => (g.geometry.type === 'Polygon' ? [g.geometry.coordinates] : g.geometry.coordinates).flat().map((ring): LineString => ({ type: 'LineString', coordinates: ring })));
}

export const rebalanceCommand: Command = {
  name: 'rebalance',
  summary: 'bring a grid plan back within the rule after counts change, moving as few households as possible',
  usage:
    'pnpm gridatlas rebalance --plan <grids.geojson> --units <units.geojson> [--streets <lines.geojson>] [--boundary <polygon.geojson>] ' +
    '[--households-field F] [--persons-field F] [--profile any|all] [--max-households N] [--max-persons N] [--seed N] ' +
    '--out <grids.geojson> [--json report.json]',
  options: {
    plan: { type: 'string', valueName: 'grids.geojson', description: 'the current grids (properties: code, unit_ids when known)' },
    ...engineOptions,
  },
  async run({ values, out }) {
    const t0 = performance.now();
    const planPath = required(values, 'plan');
    const outPath = required(values, 'out');
    const profile = profileOf(values);
    const seed = seedOf(values);
    const planFeatures = readFeatures(planPath, '--plan');
    const planRead = readGrids(planFeatures, '--plan');
    const planGrids = planRead.grids;
    const input = readEngineInput(values);

    // Engine units, each given to an old grid; `keyOf` names what a move is counted on (units, or buildings for points).
    let units: EngineUnit[];
    let adjacency: Map<number, number>[];
    let owner: Int32Array;
    let assignedBy: RebalanceCommandReport['assignedBy'] = 'point';
    let unknownUnitIds = 0;
    const listed = planUnitIds(planFeatures);
    if (input.kind === 'polygons') {
      units = input.units;
      adjacency = polygonAdjacency(units.map((u) => u.geometry));
      if (listed) {
        assignedBy = 'unit_ids';
        const index = new Map(units.map((u, i) => [u.id, i]));
        owner = new Int32Array(units.length).fill(-1);
        listed.forEach((ids, gi) =>
          ids.forEach((id) => {
            const u = index.get(id);
            if (u === undefined) unknownUnitIds++;
            else owner[u] = gi;
          }),
        );
      } else owner = gridOfPoints(planGrids, units.map((u) => representativePoint(u.geometry.coordinates)));
    } else {
      const built = buildUnits({
        boundary: input.boundary,
        streets: [...input.streets, ...outlines(planGrids)],
        buildings: input.buildings,
        maxUnitHouseholds: Math.max(1, Math.floor(profile.maxHouseholds * REBALANCE_UNIT_SHARE)),
        ...(profile.combine === 'all' ? { maxUnitPersons: Math.max(1, Math.floor(profile.maxPersons * REBALANCE_UNIT_SHARE)) } : {}),
      });
      units = built.units;
      adjacency = built.adjacency;
      owner = gridOfPoints(planGrids, units.map((u) => representativePoint(u.geometry.coordinates)));
    }
    const plan: RebalanceGridInput[] = planGrids.map((g, gi) => ({
      code: g.code,
      // A multipart grid is passed through untouched, or rebuilt from its units when it changes.
      geometry: g.geometry as Polygon,
      unitIds: units.flatMap((u, i) => (owner[i] === gi ? [u.id] : [])),
    }));
    const unassignedUnits = owner.filter((g) => g < 0).length;
    const t1 = performance.now();

    const result = rebalance({ plan, units, adjacency, profile, seed });
    const t2 = performance.now();

    // From scratch, charged on the same keys: unit ids (polygons) or building ids (points).
    const before = new Map<string, string>();
    const after = new Map<string, string>();
    const households = new Map<string, number>();
    let scratchGrids: number;
    if (input.kind === 'polygons') {
      const again = delineate({ boundary: plan[0]?.geometry ?? units[0]!.geometry, units, adjacency, profile, seed });
      scratchGrids = again.grids.length;
      units.forEach((u, i) => {
        households.set(u.id, u.households);
        if (owner[i]! >= 0) before.set(u.id, plan[owner[i]!]!.code);
      });
      again.grids.forEach((g, gi) => g.unitIds.forEach((id) => after.set(id, `n${gi}`)));
    } else {
      const again = delineateCommunity({ boundary: input.boundary, streets: input.streets, buildings: input.buildings, profile, seed });
      scratchGrids = again.grids.length;
      units.forEach((u, i) => {
        for (const b of u.buildings ?? []) if (owner[i]! >= 0) before.set(b, plan[owner[i]!]!.code);
      });
      for (const b of input.buildings) households.set(b.id, b.households);
      const freshUnits = new Map(again.units.units.map((u) => [u.id, u.buildings ?? []]));
      again.grids.forEach((g, gi) => g.unitIds.forEach((id) => freshUnits.get(id)!.forEach((b) => after.set(b, `n${gi}`))));
    }
    const scratch = assignmentMoves(before, after, households);
    const t3 = performance.now();

    // Untouched grids: their own feature, with the current counts; changed and new ones rebuilt.
    const unitIndex = new Map(units.map((u, i) => [u.id, i]));
    const idsOut = (unitIds: readonly string[]): string[] =>
      input.kind === 'polygons' ? [...unitIds] : unitIds.flatMap((id) => units[unitIndex.get(id)!]!.buildings ?? []);
    const sum = (unitIds: readonly string[], key: 'households' | 'persons'): number => unitIds.reduce((s, id) => s + units[unitIndex.get(id)!]![key], 0);
    const features = result.grids.map((g): Feature => {
      const gi = plan.indexOf(g as RebalanceGridInput);
      if (gi >= 0) {
        const f = planFeatures[gi]!;
        return { ...f, properties: { ...f.properties, households: sum(g.unitIds, 'households'), persons: sum(g.unitIds, 'persons'), unit_ids: idsOut(g.unitIds), changed: false } };
      }
      const c = g as RebalanceGrid;
      return {
        type: 'Feature',
        properties: { code: c.code, households: c.households, persons: c.persons, unit_ids: idsOut(c.unitIds), changed: true, ...(c.exception ? { exception: true } : {}) },
        geometry: c.geometry,
      };
    });
    const outFull = writeJson(outPath, { type: 'FeatureCollection', features } satisfies FeatureCollection);
    const jsonPath = values.json === undefined ? undefined : resolve(String(values.json));
    const r = result.report;
    const report: RebalanceCommandReport = {
      input: { plan: resolve(planPath), units: resolve(String(values.units)), kind: input.kind, out: outFull, ...(jsonPath ? { json: jsonPath } : {}), seed },
      profile,
      assignedBy,
      unassignedUnits,
      unknownUnitIds,
      gridsBefore: plan.length,
      gridsAfter: result.grids.length,
      violating: r.violating,
      changedGrids: r.changedGrids,
      addedGrids: r.addedGrids,
      actions: r.actions,
      householdsMoved: r.householdsMoved,
      buildingsMoved: input.kind === 'points' ? r.buildingsMoved : r.unitsMoved,
      unitsMoved: r.unitsMoved,
      remaining: r.remaining,
      exceptions: result.exceptions,
      scratch: { grids: scratchGrids, householdsMoved: scratch.households, buildingsMoved: scratch.units },
      ratio: scratch.households > 0 ? Number((r.householdsMoved / scratch.households).toFixed(4)) : null,
      runMs: { read: Math.round(t1 - t0), rebalance: Math.round(t2 - t1), scratch: Math.round(t3 - t2), total: Math.round(performance.now() - t0) },
      geometry: { ...input.geometry, grids: planRead.report },
    };
    if (jsonPath) writeJson(jsonPath, report);

    out(`${report.violating.length} of ${report.gridsBefore} grid(s) over the rule; ${report.changedGrids.length} changed, ${report.addedGrids.length} added → ${report.gridsAfter} grids in ${report.runMs.rebalance} ms`);
    out(`moved: ${report.householdsMoved} households (${report.buildingsMoved} ${input.kind === 'points' ? 'buildings' : 'units'}); from scratch: ${report.scratch.householdsMoved} households in ${report.scratch.grids} grids${report.ratio === null ? '' : ` (ratio ${report.ratio})`}`);
    if (unassignedUnits > 0) out(`note: ${unassignedUnits} unit(s) were in no grid of the plan and joined a neighbouring grid`);
    for (const line of geometryReportLines({ units: report.geometry.units, plan: report.geometry.grids, streets: report.geometry.streets, boundary: report.geometry.boundary })) out(line);
    if (unknownUnitIds > 0) out(`note: ${unknownUnitIds} unit id(s) of the plan name no unit in --units`);
    for (const e of result.exceptions) out(`exception: ${e.message}`);
    out(report.remaining.length === 0 ? 'within the rule (or reported exceptions)' : `STILL over the rule: ${report.remaining.join(', ')}`);
    out(`grids written to ${outFull}`);
    if (jsonPath) out(`report written to ${jsonPath}`);
    return report.remaining.length === 0 ? 0 : 1;
  },
};
