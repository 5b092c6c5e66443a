/**
 * The report of `gridatlas validate`: a JSON document with every grid's metrics and every
 * problem, and a short human summary of it. Areas m², perimeters m, locations `[lng, lat]`.
 */
import type { NormaliseReport, PlanGrid, PlanProblem, PlanUnit, PlanValidation, ProblemKind, RuleProfile, Severity } from '@gridatlas/core';
import { geometryReportLines } from './read-geometry.js';

export interface GridReport {
  code: string;
  /** The grid feature's name, when it has one. */
  name?: string;
  /** Its position in the grids file, 1-based. */
  feature: number;
  communityCode: string;
  zoneCode?: string;
  /** `invalid` only when the grid's coordinates could not be read at all; a multipart or self-crossing grid is measured as repaired. */
  status: 'ok' | 'over' | 'under' | 'exempt' | 'invalid';
  /** Its geometry errors (multipart, invalid_geometry), beside its figures. */
  geometryErrors?: ProblemKind[];
  households?: number;
  persons?: number;
  buildings?: number;
  areaM2?: number;
  perimeterM?: number;
  compactness?: number;
  load?: number;
  householdRatio?: number;
  personRatio?: number;
  exceeded?: ('households' | 'persons')[];
  special?: Record<string, number>;
  /** Ids of the units whose point lies in the grid. */
  units?: string[];
}

export interface ValidateSummary {
  grids: number;
  units: number;
  households: number;
  persons: number;
  status: Record<GridReport['status'], number>;
  errors: number;
  warnings: number;
  problems: Partial<Record<ProblemKind, { severity: Severity; count: number }>>;
  /** Units in no grid, counted whether or not they lie in a community. */
  unitsInNoGrid: number;
  householdsInNoGrid: number;
}

/** A problem as reported, with the names of the units it involves (as in the units file). */
export type ReportedProblem = PlanProblem & { unitNames?: (string | null)[] };

export interface ValidateReport {
  input: Record<string, string | number | undefined>;
  profile: RuleProfile;
  summary: ValidateSummary;
  grids: GridReport[];
  problems: ReportedProblem[];
  /** The normalising step's report of each file: repairs and rejections by each feature's own id and name, area before and after. */
  geometry: { units: NormaliseReport; grids: NormaliseReport; boundary?: NormaliseReport };
  runMs: { read: number; validate: number; total: number };
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The problem with `unitNames` beside its unit ids, when any of them has a name. */
export function withUnitNames(p: PlanProblem, names: ReadonlyMap<string, string>): ReportedProblem {
  if (!p.units || !p.units.some((id) => names.has(id))) return p;
  return { ...p, unitNames: p.units.map((id) => names.get(id) ?? null) };
}

export function gridReports(
  grids: readonly PlanGrid[],
  units: readonly PlanUnit[],
  v: PlanValidation,
  names: readonly (string | undefined)[] = [],
): GridReport[] {
  return grids.map((g, i) => {
    const errors = v.problems
      .filter((p) => (p.kind === 'multipart' || p.kind === 'invalid_geometry') && p.grids.includes(g.code))
      .map((p) => p.kind);
    const base = {
      code: g.code,
      ...(names[i] ? { name: names[i] } : {}),
      feature: i + 1,
      communityCode: g.communityCode,
      ...(g.zoneCode ? { zoneCode: g.zoneCode } : {}),
      ...(errors.length > 0 ? { geometryErrors: errors } : {}),
    };
    const m = v.metrics.get(g.code);
    if (!m) return { ...base, status: 'invalid' };
    return {
      ...base,
      status: m.load.status,
      households: m.households,
      persons: m.persons,
      buildings: m.buildings,
      areaM2: round(m.areaM2, 1),
      perimeterM: round(m.perimeterM, 1),
      compactness: round(m.compactness, 4),
      load: round(m.load.load, 4),
      householdRatio: round(m.load.householdRatio, 4),
      personRatio: round(m.load.personRatio, 4),
      exceeded: m.load.exceeded,
      special: m.special,
      units: m.units.map((i) => units[i]!.id),
    };
  });
}

export function summarise(grids: readonly GridReport[], units: readonly PlanUnit[], v: PlanValidation): ValidateSummary {
  const status = { ok: 0, over: 0, under: 0, exempt: 0, invalid: 0 };
  for (const g of grids) status[g.status]++;
  const problems: ValidateSummary['problems'] = {};
  for (const p of v.problems) {
    const entry = (problems[p.kind] ??= { severity: p.severity, count: 0 });
    entry.count++;
    if (p.severity === 'error') entry.severity = 'error';
  }
  let unitsInNoGrid = 0;
  let householdsInNoGrid = 0;
  v.assignment.forEach((gi, ui) => {
    if (gi >= 0) return;
    unitsInNoGrid++;
    householdsInNoGrid += units[ui]!.households;
  });
  return {
    grids: grids.length,
    units: units.length,
    households: units.reduce((s, u) => s + u.households, 0),
    persons: units.reduce((s, u) => s + u.persons, 0),
    status,
    errors: v.errors,
    warnings: v.warnings,
    problems,
    unitsInNoGrid,
    householdsInNoGrid,
  };
}

const n = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 1 });

/** Errors first, then by how often each kind occurs. */
function kindsInOrder(s: ValidateSummary): [ProblemKind, { severity: Severity; count: number }][] {
  return (Object.entries(s.problems) as [ProblemKind, { severity: Severity; count: number }][]).sort(
    ([, a], [, b]) => Number(b.severity === 'error') - Number(a.severity === 'error') || b.count - a.count,
  );
}

/** The human summary: totals, grid statuses, problems by kind with the first few of each. */
export function summaryLines(report: ValidateReport, show = 3): string[] {
  const { summary: s, profile } = report;
  const caps = `${profile.maxHouseholds} households ${profile.combine === 'any' ? 'or' : 'and'} ${profile.maxPersons} persons per grid`;
  const lines = [
    `checked ${n(s.grids)} grids against ${n(s.units)} units (${n(s.households)} households, ${n(s.persons)} persons) in ${(report.runMs.total / 1000).toFixed(2)} s`,
    `rule: ${caps}; under ${Math.round(profile.underFillRatio * 100)}% of the cap is too small`,
    `grids: ${s.status.ok} ok, ${s.status.over} over, ${s.status.under} under${s.status.exempt > 0 ? `, ${s.status.exempt} dedicated (outside the size rule)` : ''}${s.status.invalid > 0 ? `, ${s.status.invalid} not measured (unreadable geometry)` : ''}`,
    ...geometryReportLines(report.geometry),
  ];
  if (s.unitsInNoGrid > 0) lines.push(`units in no grid: ${n(s.unitsInNoGrid)} (${n(s.householdsInNoGrid)} households)`);
  lines.push(`problems: ${s.errors} error(s), ${s.warnings} warning(s)`);
  for (const [kind, { severity, count }] of kindsInOrder(s)) {
    lines.push(`  ${kind} (${severity}) × ${count}`);
    const some = report.problems.filter((p) => p.kind === kind).slice(0, show);
    for (const p of some) lines.push(`    - ${p.message}${p.location ? ` at [${p.location.join(', ')}]` : ''}`);
    if (count > some.length) lines.push(`    … and ${count - some.length} more${report.input.json ? '' : ' (write them all with --json)'}`);
  }
  lines.push(
    s.errors > 0
      ? `result: FAILED — ${s.errors} hard problem(s) (${kindsInOrder(s)
          .filter(([, k]) => k.severity === 'error')
          .map(([kind]) => kind)
          .join(', ')})`
      : `result: passed — no hard problems${s.warnings > 0 ? `, ${s.warnings} warning(s) to look at` : ''}`,
  );
  return lines;
}
