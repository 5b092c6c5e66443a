/**
 * `gridatlas delineate`: divides units given in GeoJSON into grids with the engine of
 * issue 5. Polygon units (census blocks…) are joined along shared edges; point units
 * (buildings) are first gathered into street blocks inside the boundary. Each grid's `code`
 * is `G` and its 3-digit number in reading order (rows north→south, west→east), like the
 * serials an approved plan gets. Exit 0: every grid within the rule or a reported
 * indivisible exception; 1: other grids over the rule; 2: bad input.
 */
import { resolve } from 'node:path';
import { featureCollection, union } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import {
  areaM2,
  delineate,
  delineateCommunity,
  geometryBBox,
  type BalanceBy,
  type BalanceFigures,
  type BuiltUnits,
  type DelineateResult,
  type EngineException,
  type PlanarStats,
  type RuleProfile,
  type UnitKind,
} from '@gridatlas/core';
import { UsageError, type Command } from './command.js';
import {
  engineOptions,
  engineUnitKind,
  profileOf,
  readBoundary,
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

/** Grid codes of a delineation: `G001`, `G002`… in the order of the grids. */
const gridCode = (i: number): string => `G${String(i + 1).padStart(3, '0')}`;

/** The spread of the balanced measure (households when not balancing), with what was asked. */
type RuleBalance = Omit<BalanceFigures, 'by'> & { by: BalanceBy | 'none' };

export interface DelineateCommandReport {
  input: { units: string; kind: EngineInput['kind']; streets?: string; boundary?: string; out: string; json?: string; seed: number };
  profile: RuleProfile;
  /** What the units are (`--unit-kind`; points are buildings, polygons blocks by default): the messages name them so. */
  unitKind: UnitKind;
  units: number;
  /** Units in several parts (an island…): every part is kept, in the grid of the unit. */
  multipart: { count: number; ids: string[]; note?: string };
  /** The normalising step's report of each file read: every repair and rejection by the feature's own id and name. */
  geometry: GeometryReports;
  /** Point units outside the boundary, left out: those in no street block (blocks cover the whole boundary). */
  outside: number;
  /** Point units: what `--streets` gave (OSM ways read, kept, dropped by reason; or GeoJSON lines); `geometry.streets` says how they were normalised. */
  streets?: StreetsRead;
  /** Point units: street blocks, the units cut from them, and how the streets became blocks. */
  blocks?: { blocks: number; units: number; cuts: number } & PlanarStats;
  /** Share of the caps grids were planned to, and the balanced measure. */
  targetFill: number;
  balance: RuleBalance;
  /** Simple lower bound at the planned caps. */
  lowerBound: number;
  /** Martello–Toth L2 bound at the planned caps (tighter when units are large against the cap). */
  l2Bound: number;
  grids: number;
  /** grids ÷ lower bound. */
  ratio: number;
  /** grids ÷ L2 bound. */
  ratioL2: number;
  /** Units (polygons) or buildings (points) in no written grid, and in more than one. */
  unplaced: string[];
  doubled: string[];
  /** Area where written grids overlap, m². */
  overlapM2: number;
  /** Units over the rule on their own, each with its input feature's name when it has one. */
  exceptions: (EngineException & { name?: string })[];
  /** Every grid within the rule or a reported exception. */
  compliant: boolean;
  /** Codes of grids over the rule that are not exceptions. */
  violations: string[];
  /** Every grid one polygon. */
  contiguous: boolean;
  /** Grids written in more than one piece (their units meet only at a point): code and every part's area, m², largest first. */
  pieces: { code: string; areasM2: number[] }[];
  /** Grid outlines the normalising step repaired before writing (a ring touching itself…): code and what was done. */
  repairedOutlines: { code: string; repairs: { reason: string; detail: string; at?: [number, number] }[] }[];
  /** Sum of grid areas ÷ sum of unit areas (polygons) or boundary area (points). */
  coverage: number;
  households: number;
  persons: number;
  meanCompactness: number;
  runMs: { read: number; delineate: number; total: number };
}

/** A polygon around every unit: `delineate` needs a boundary only for its own coverage figure, which polygon runs compute themselves. */
function bboxPolygon(units: readonly { geometry: Polygon }[]): Polygon {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const u of units) {
    const b = geometryBBox(u.geometry);
    [x0, y0, x1, y1] = [Math.min(x0, b[0]), Math.min(y0, b[1]), Math.max(x1, b[2]), Math.max(y1, b[3])];
  }
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ],
  };
}

/**
 * A grid's outline with every part of its units: the engine joins units by their largest
 * part, so a grid holding a unit in several parts (an island) gets the other parts added.
 */
function fullGeometry(input: EngineInput, outline: Polygon | MultiPolygon, unitIds: readonly string[]): Polygon | MultiPolygon {
  if (input.kind !== 'polygons') return outline;
  const extra = unitIds.flatMap((id) => {
    const g = input.geometries.get(id);
    return g?.type === 'MultiPolygon' ? [g] : [];
  });
  if (extra.length === 0) return outline;
  const all = [outline, ...extra].map((geometry): Feature<Polygon | MultiPolygon> => ({ type: 'Feature', properties: {}, geometry }));
  return union(featureCollection(all))?.geometry ?? outline;
}

const m2 = (a: number): string => `${Math.round(a).toLocaleString('en')} m²`;

/**
 * Whether every grid is one polygon, and which are not: in pieces (named with their areas), or
 * split into their units. `kind` names the units the engine joins (street blocks for points).
 */
function contiguityLine(report: DelineateCommandReport, kind: string): string {
  if (report.contiguous) return 'yes, every grid one polygon';
  const pieces = report.pieces.map(
    (p) => `grid ${p.code} is in ${p.areasM2.length} pieces (${p.areasM2.map(m2).join(', ')}): its ${kind}s meet only at a point`,
  );
  if (pieces.length === 0) return `no, some ${kind}s could not be joined (grids split into their ${kind}s)`;
  return `no, ${pieces.join('; ')}`;
}

/** Runs the engine on either kind of input; unit ids of each grid are the input's ids (buildings for points). */
function runDelineate(
  input: EngineInput,
  profile: RuleProfile,
  seed: number,
  plan: PlanOptions,
  unitKind: UnitKind,
  boundary?: Polygon,
): { result: DelineateResult; unitIds: string[][]; outside: number; coverage: number; built?: BuiltUnits } {
  if (input.kind === 'polygons') {
    const result = delineate({ boundary: boundary ?? bboxPolygon(input.units), units: input.units, profile, seed, ...plan, unitKind });
    const unitArea = input.units.reduce((s, u) => s + areaM2(input.geometries.get(u.id) ?? u.geometry), 0);
    const gridArea = result.grids.reduce((s, g) => s + areaM2(fullGeometry(input, g.geometry, g.unitIds)), 0);
    return { result, unitIds: result.grids.map((g) => g.unitIds), outside: 0, coverage: unitArea > 0 ? gridArea / unitArea : 1 };
  }
  const result = delineateCommunity({
    boundary: input.boundary,
    streets: input.streets,
    buildings: input.buildings,
    profile,
    seed,
    ...plan,
  });
  const buildingsOf = new Map(result.units.units.map((u) => [u.id, u.buildings ?? []]));
  return {
    result,
    unitIds: result.grids.map((g) => g.unitIds.flatMap((id) => buildingsOf.get(id) ?? [])),
    outside: result.units.unitOfBuilding.filter((u) => u < 0).length,
    coverage: result.report.coverage,
    built: result.units,
  };
}

interface PlanOptions {
  targetFill: number;
  balance: BalanceBy | 'none';
}

const BALANCES = ['none', 'households', 'persons'] as const;

/** `--target-fill` (a share of the caps, 0 < f ≤ 1) and `--balance`. */
function planOptions(values: Record<string, unknown>): PlanOptions {
  const raw = values['target-fill'] ?? '1';
  const targetFill = Number(raw);
  if (!Number.isFinite(targetFill) || targetFill <= 0 || targetFill > 1) {
    throw new UsageError(`--target-fill must be a share of the caps above 0 and at most 1 (e.g. 0.85), got "${String(raw)}"`);
  }
  const balance = String(values.balance ?? 'none') as PlanOptions['balance'];
  if (!BALANCES.includes(balance)) throw new UsageError(`--balance must be one of ${BALANCES.join(', ')}, got "${balance}"`);
  return { targetFill, balance };
}

export const delineateCommand: Command = {
  name: 'delineate',
  summary: 'divide units (polygons, or building points with streets and a boundary) into as few grids as the rule allows',
  usage:
    'pnpm gridatlas delineate --units <units.geojson> [--streets <lines.geojson|.osm> [--include-paths]] [--boundary <polygon.geojson>] ' +
    '[--households-field F] [--persons-field F] [--unit-kind building|block] [--profile any|all] [--max-households N] [--max-persons N] [--seed N] ' +
    '[--target-fill F] [--balance none|households|persons] --out <grids.geojson> [--json report.json]',
  options: {
    ...engineOptions,
    'target-fill': {
      type: 'string',
      valueName: 'F',
      default: '1',
      description:
        'plan grids to at most this share of the caps (e.g. 0.85 leaves room for growth); compliance is judged against the full caps',
    },
    balance: {
      type: 'string',
      valueName: 'none|households|persons',
      default: 'none',
      description: 'even out households or persons between the grids',
    },
  },
  async run({ values, out }) {
    const t0 = performance.now();
    const outPath = required(values, 'out');
    const profile = profileOf(values);
    const seed = seedOf(values);
    const plan = planOptions(values);
    const input = readEngineInput(values);
    const unitKind = engineUnitKind(values, input);
    const boundary = input.kind === 'polygons' && typeof values.boundary === 'string' ? readBoundary(values.boundary).polygon : undefined;
    const t1 = performance.now();

    const { result, unitIds, outside, coverage, built } = runDelineate(input, profile, seed, plan, unitKind, boundary);
    const t2 = performance.now();

    const codes = result.grids.map((_, i) => gridCode(i));
    // From the written grids (what lies in each outline), not the engine's own assignment.
    const violations = result.report.violations.map((i) => codes[i]!);
    const grids: FeatureCollection = {
      type: 'FeatureCollection',
      features: result.grids.map((g, i): Feature => ({
        type: 'Feature',
        properties: {
          code: codes[i],
          households: g.households,
          persons: g.persons,
          unit_ids: unitIds[i],
          ...(g.exception ? { exception: true } : {}),
          compactness: Number(g.compactness.toFixed(3)),
        },
        geometry: fullGeometry(input, g.geometry, unitIds[i]!),
      })),
    };
    const outFull = writeJson(outPath, grids);
    const jsonPath = values.json === undefined ? undefined : resolve(String(values.json));
    const multipart = input.kind === 'polygons' ? input.multipart : [];
    const r = result.report;
    const report: DelineateCommandReport = {
      input: {
        units: resolve(String(values.units)),
        kind: input.kind,
        ...(typeof values.streets === 'string' ? { streets: resolve(values.streets) } : {}),
        ...(typeof values.boundary === 'string' ? { boundary: resolve(values.boundary) } : {}),
        out: outFull,
        ...(jsonPath ? { json: jsonPath } : {}),
        seed,
      },
      profile,
      unitKind,
      units: input.kind === 'polygons' ? input.units.length : input.buildings.length,
      multipart: {
        count: multipart.length,
        ids: multipart.slice(0, 20),
        ...(multipart.length > 0
          ? { note: 'units in several parts: every part is kept, in the grid of its unit (the engine joins units by their largest part)' }
          : {}),
      },
      geometry: input.geometry,
      outside,
      targetFill: r.targetFill,
      balance: {
        ...r.balance,
        by: plan.balance === 'none' ? 'none' : r.balance.by,
        mean: Number(r.balance.mean.toFixed(1)),
        cv: Number(r.balance.cv.toFixed(4)),
      },
      ...(input.kind === 'points' ? { streets: input.streetsRead } : {}),
      ...(built ? { blocks: { blocks: built.blocks, units: built.units.length, cuts: built.cuts, ...built.planar } } : {}),
      lowerBound: r.lowerBound,
      l2Bound: r.l2Bound,
      grids: r.grids,
      ratio: Number(r.ratio.toFixed(4)),
      ratioL2: Number(r.ratioL2.toFixed(4)),
      unplaced: r.unplaced,
      doubled: r.doubled,
      overlapM2: Number(r.overlapM2.toFixed(1)),
      exceptions: result.exceptions.map((e) => {
        // A polygon unit's own name, or the name of the one building of a street block (its id is internal).
        const name = input.names.get(e.unitId) ?? (e.buildings?.length === 1 ? input.names.get(e.buildings[0]!) : undefined);
        return name === undefined ? e : { ...e, name };
      }),
      compliant: r.compliant,
      violations,
      contiguous: r.contiguous,
      pieces: r.pieces.map((p) => ({ code: codes[p.grid]!, areasM2: p.areasM2.map((a) => Number(a.toFixed(1))) })),
      repairedOutlines: r.repairedOutlines.map((o) => ({ code: codes[o.grid]!, repairs: o.repairs })),
      coverage: Number(coverage.toFixed(6)),
      households: r.households,
      persons: r.persons,
      meanCompactness: Number(r.meanCompactness.toFixed(3)),
      runMs: { read: Math.round(t1 - t0), delineate: Math.round(t2 - t1), total: Math.round(performance.now() - t0) },
    };
    if (jsonPath) writeJson(jsonPath, report);

    if (report.streets) out(streetsLine(report.streets));
    if (report.blocks) {
      const b = report.blocks;
      out(
        `blocks: ${b.blocks} street block(s) cut into ${b.units} unit(s); ${b.joined} near-miss(es) joined, ${b.clipped} piece(s) beyond the boundary clipped, ${b.dangles} dangling and ${b.bridges} bridging piece(s) left out, ${b.slivers} sliver(s) merged`,
      );
    }
    out(
      `${unitCount(report.units, unitKind)}${input.kind === 'points' ? '' : ' (polygons)'} → ${report.grids} grids (lower bound ${report.lowerBound}, ratio ${report.ratio}; ` +
        `L2 bound ${report.l2Bound}, ratio ${report.ratioL2}) in ${report.runMs.delineate} ms`,
    );
    if (report.targetFill < 1)
      out(
        `planned to ${Math.round(report.targetFill * 100)}% of the caps: at most ${Math.floor(profile.maxHouseholds * report.targetFill)} households ${profile.combine === 'any' ? 'or' : 'and'} ${Math.floor(profile.maxPersons * report.targetFill)} persons per grid`,
      );
    out(
      `spread of ${report.balance.by === 'none' ? 'households' : report.balance.by} per grid: ${report.balance.min}–${report.balance.max} (mean ${report.balance.mean}, cv ${report.balance.cv})${plan.balance === 'none' ? '' : ' (balanced)'}`,
    );
    out(
      `rule: ${profile.maxHouseholds} households ${profile.combine === 'any' ? 'or' : 'and'} ${profile.maxPersons} persons per grid; ${report.households} households, ${report.persons} persons in grids`,
    );
    out(
      report.compliant
        ? `compliant: every grid within the rule or a reported exception, every ${unitKind} in exactly one grid`
        : `NOT compliant: ${violations.length} grid(s) over the rule${violations.length ? `: ${violations.slice(0, 10).join(', ')}` : ''}`,
    );
    if (report.doubled.length > 0)
      out(`error: ${unitCount(report.doubled.length, unitKind)} in more than one grid: ${report.doubled.slice(0, 10).join(', ')}`);
    if (report.overlapM2 > 0) out(`error: grids overlap by ${report.overlapM2} m²`);
    out(`contiguous: ${contiguityLine(report, input.kind === 'points' ? 'street block' : unitKind)}; coverage ${report.coverage}`);
    for (const o of report.repairedOutlines)
      for (const rep of o.repairs) out(`repaired: grid ${o.code} outline: ${rep.detail}${rep.at ? ` at ${rep.at[0]}, ${rep.at[1]}` : ''}`);
    for (const e of result.exceptions) out(`exception: ${e.message}`);
    if (multipart.length > 0)
      out(
        `note: ${unitCount(multipart.length, unitKind)} in several parts, every part kept in its grid (${multipart.slice(0, 5).join(', ')}${multipart.length > 5 ? '…' : ''})`,
      );
    for (const line of geometryReportLines({
      units: input.geometry.units,
      streets: input.geometry.streets,
      boundary: input.geometry.boundary,
    }))
      out(line);
    if (outside > 0) out(`note: ${outside} point unit(s) lie outside the boundary and are in no grid`);
    const inside = report.unplaced.length;
    if (inside > 0) out(`error: ${unitCount(inside, unitKind)} inside the boundary in no grid: ${report.unplaced.slice(0, 10).join(', ')}`);
    out(`grids written to ${outFull}`);
    if (jsonPath) out(`report written to ${jsonPath}`);
    return report.compliant ? 0 : 1;
  },
};
