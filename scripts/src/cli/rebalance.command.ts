/**
 * `gridatlas rebalance`: brings an existing plan back within the rule after household counts
 * change, touching only grids over the rule and their neighbours; every other grid is
 * written out with the very geometry, code and other properties it came with (its counts,
 * `unit_ids` and `changed: false` brought up to date). The work is core's `rebalanceCommunity`,
 * the same the planner and the API run: point units are cut into blocks by the streets and
 * the old grid outlines, so each block lies in one old grid; dedicated grids and `--locked`
 * ones never change. The report sets the households moved against those a division from
 * scratch would move (its grids matched to the old ones by shared households). Exit 0: within the rule (or reported
 * indivisible exceptions); 1: grids still over; 2: bad input.
 */
import { resolve } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import {
  rebalanceCommunity,
  type EngineException,
  type PlanGrid,
  type RebalanceGrid,
  type RebalancePlanGrid,
  type RebalanceReport,
  type RuleProfile,
  type UnitKind,
} from '@gridatlas/core';
import { UsageError, type Command } from './command.js';
import {
  engineOptions,
  engineUnitKind,
  profileOf,
  readEngineInput,
  required,
  seedOf,
  streetsLine,
  unitCount,
  writeJson,
  type EngineInput,
  type GeometryReports,
  type StreetsRead,
} from './engine-io.js';
import { geometryReportLines } from './read-geometry.js';
import { readFeatures, readGrids } from './validate-input.js';

export interface RebalanceCommandReport {
  input: { plan: string; units: string; kind: EngineInput['kind']; out: string; json?: string; seed: number };
  profile: RuleProfile;
  /** What the units are (`--unit-kind`; points are buildings, polygons blocks by default): the messages name them so. */
  unitKind: UnitKind;
  /** How units were given to the plan's grids: the grids' `unit_ids`, or the grid holding each unit's representative point. */
  assignedBy: 'unit_ids' | 'point';
  /** Units in no grid of the plan (they join the neighbour they share most edge with). */
  unassignedUnits: number;
  /** Point units: what `--streets` gave (OSM ways read, kept, dropped by reason; or GeoJSON lines). */
  streets?: StreetsRead;
  /** `unit_ids` of the plan naming no unit. */
  unknownUnitIds: number;
  /** Codes of grids kept as they are: dedicated grids and those named by --locked. */
  locked: string[];
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
  /** Grids that are one unit over the rule on its own (touched or not): exceptions, not in `remaining`. */
  exceptionGrids: string[];
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

/** Dedicated grids of the plan and the codes listed by `--locked` (each must name a grid). */
function lockedCodes(values: Record<string, unknown>, grids: readonly PlanGrid[]): string[] {
  const listed =
    typeof values.locked === 'string'
      ? values.locked
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean)
      : [];
  const codes = new Set(grids.map((g) => g.code));
  const unknown = listed.filter((c) => !codes.has(c));
  if (unknown.length > 0) throw new UsageError(`--locked: no grid of --plan has the code ${unknown.slice(0, 5).join(', ')}`);
  return [...new Set([...grids.filter((g) => g.type === 'dedicated').map((g) => g.code), ...listed])];
}

export const rebalanceCommand: Command = {
  name: 'rebalance',
  summary: 'bring a grid plan back within the rule after counts change, moving as few households as possible',
  usage:
    'pnpm gridatlas rebalance --plan <grids.geojson> --units <units.geojson> [--streets <lines.geojson|.osm> [--include-paths]] [--boundary <polygon.geojson>] [--locked CODE,…] ' +
    '[--households-field F] [--persons-field F] [--unit-kind building|block] [--profile any|all] [--max-households N] [--max-persons N] [--seed N] ' +
    '--out <grids.geojson> [--json report.json]',
  options: {
    plan: {
      type: 'string',
      valueName: 'grids.geojson',
      description: 'the current grids (properties: code, unit_ids when known, type "dedicated" for grids kept as they are)',
    },
    locked: { type: 'string', valueName: 'CODE,…', description: 'codes of grids that must not change (dedicated grids never do)' },
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
    const unitKind = engineUnitKind(values, input);

    const listed = planUnitIds(planFeatures);
    // Dedicated grids, and the grids named by --locked, take part but never change.
    const locked = lockedCodes(values, planGrids);
    const plan: RebalancePlanGrid[] = planGrids.map((g, gi) => ({
      code: g.code,
      geometry: g.geometry,
      ...(g.type ? { type: g.type } : {}),
      ...(input.kind === 'polygons' && listed ? { unitIds: listed[gi]! } : {}),
    }));
    const t1 = performance.now();

    // The one rebalance entry point of core, as the planner's worker and the API use it; with
    // the from-scratch division to charge the households moved against.
    const common = { plan, profile, locked, seed, compare: true };
    const result =
      input.kind === 'polygons'
        ? rebalanceCommunity({ ...common, units: input.units, unitKind })
        : rebalanceCommunity({ ...common, boundary: input.boundary, streets: input.streets, buildings: input.buildings });
    const t2 = performance.now();
    const units = result.units;
    const assignedBy: RebalanceCommandReport['assignedBy'] = input.kind === 'polygons' && listed ? 'unit_ids' : 'point';
    const unassignedUnits = result.unassigned;
    const unknownUnitIds = result.unknownUnitIds;
    const scratch = result.rerun!;
    const t3 = performance.now();

    // Untouched grids: their own feature, with the current counts; changed and new ones rebuilt.
    const unitIndex = new Map(units.map((u, i) => [u.id, i]));
    const idsOut = (unitIds: readonly string[]): string[] =>
      input.kind === 'polygons' ? [...unitIds] : unitIds.flatMap((id) => units[unitIndex.get(id)!]!.buildings ?? []);
    const sum = (unitIds: readonly string[], key: 'households' | 'persons'): number =>
      unitIds.reduce((s, id) => s + units[unitIndex.get(id)!]![key], 0);
    const featureOf = new Map(planGrids.map((g, gi) => [g.code, planFeatures[gi]!]));
    const features = result.grids.map((g): Feature => {
      // A grid `rebalance` did not touch comes back without `changed`: write the plan's own feature
      // (flagged by core when it is one unit now over the rule on its own, a reported exception).
      if (!('changed' in g)) {
        const f = featureOf.get(g.code)!;
        const exception = 'exception' in g && g.exception === true;
        return {
          ...f,
          properties: {
            ...f.properties,
            households: sum(g.unitIds, 'households'),
            persons: sum(g.unitIds, 'persons'),
            unit_ids: idsOut(g.unitIds),
            changed: false,
            ...(exception ? { exception: true } : {}),
          },
        };
      }
      const c = g as RebalanceGrid;
      return {
        type: 'Feature',
        properties: {
          code: c.code,
          households: c.households,
          persons: c.persons,
          unit_ids: idsOut(c.unitIds),
          changed: true,
          ...(c.exception ? { exception: true } : {}),
        },
        geometry: c.geometry,
      };
    });
    const outFull = writeJson(outPath, { type: 'FeatureCollection', features } satisfies FeatureCollection);
    const jsonPath = values.json === undefined ? undefined : resolve(String(values.json));
    const r = result.report;
    const report: RebalanceCommandReport = {
      input: {
        plan: resolve(planPath),
        units: resolve(String(values.units)),
        kind: input.kind,
        out: outFull,
        ...(jsonPath ? { json: jsonPath } : {}),
        seed,
      },
      ...(input.kind === 'points' ? { streets: input.streetsRead } : {}),
      profile,
      unitKind,
      assignedBy,
      unassignedUnits,
      unknownUnitIds,
      locked,
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
      exceptionGrids: r.exceptionGrids,
      exceptions: result.exceptions,
      scratch: { grids: scratch.grids, householdsMoved: scratch.householdsMoved, buildingsMoved: scratch.buildingsMoved },
      ratio: scratch.householdsMoved > 0 ? Number((r.householdsMoved / scratch.householdsMoved).toFixed(4)) : null,
      runMs: {
        read: Math.round(t1 - t0),
        rebalance: Math.round(t2 - t1),
        scratch: Math.round(t3 - t2),
        total: Math.round(performance.now() - t0),
      },
      geometry: { ...input.geometry, grids: planRead.report },
    };
    if (jsonPath) writeJson(jsonPath, report);

    if (report.streets) out(streetsLine(report.streets));
    out(
      `${report.violating.length} of ${report.gridsBefore} grid(s) over the rule; ${report.changedGrids.length} changed, ${report.addedGrids.length} added → ${report.gridsAfter} grids in ${report.runMs.rebalance} ms`,
    );
    out(
      `moved: ${report.householdsMoved} households (${unitCount(report.buildingsMoved, unitKind)}); from scratch: ${report.scratch.householdsMoved} households in ${report.scratch.grids} grids${report.ratio === null ? '' : ` (ratio ${report.ratio})`}`,
    );
    // Point units are street blocks the engine cut: say so, polygon units by what they are.
    const joined = input.kind === 'points' ? `${unassignedUnits} street block(s)` : unitCount(unassignedUnits, unitKind);
    if (unassignedUnits > 0) out(`note: ${joined} in no grid of the plan joined a neighbouring grid`);
    for (const line of geometryReportLines({
      units: report.geometry.units,
      plan: report.geometry.grids,
      streets: report.geometry.streets,
      boundary: report.geometry.boundary,
    }))
      out(line);
    if (unknownUnitIds > 0) out(`note: ${unknownUnitIds} unit id(s) of the plan name no ${unitKind} in --units`);
    for (const e of result.exceptions) out(`exception: ${e.message}`);
    out(report.remaining.length === 0 ? 'within the rule (or reported exceptions)' : `STILL over the rule: ${report.remaining.join(', ')}`);
    out(`grids written to ${outFull}`);
    if (jsonPath) out(`report written to ${jsonPath}`);
    return report.remaining.length === 0 ? 0 : 1;
  },
};
