/**
 * `gridatlas validate`: checks a grid plan made anywhere (GeoJSON grids and units) with the
 * same rules the planner and the API run. Exit 0: no hard problem; 1: hard problems; 2: bad input.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  createUnitIndex,
  DEFAULT_RULE_PROFILE,
  validatePlan,
  type CapCombine,
  type PlanUnit,
  type RuleProfile,
  type UnitKind,
} from '@gridatlas/core';
import { UsageError, type Command, type CommandContext } from './command.js';
import { parseUnitKind } from './engine-io.js';
import { readCommunities, readFeatures, readGrids, readUnits } from './validate-input.js';
import { gridReports, summarise, summaryLines, withUnitNames, type ValidateReport } from './validate-report.js';

const COMBINES: readonly CapCombine[] = ['any', 'all'];

function positive(values: CommandContext['values'], name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const x = Number(raw);
  if (!Number.isFinite(x) || x <= 0) throw new UsageError(`--${name} must be a number > 0, got "${String(raw)}"`);
  return x;
}

function required(values: CommandContext['values'], name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} <file> is required`);
  return v;
}

/** The rule profile from the options, over the defaults ("300户或1000人"). */
function profileOf(values: CommandContext['values']): RuleProfile {
  const combine = (values.profile ?? DEFAULT_RULE_PROFILE.combine) as CapCombine;
  if (!COMBINES.includes(combine)) throw new UsageError(`--profile must be one of ${COMBINES.join(', ')}, got "${String(combine)}"`);
  return {
    ...DEFAULT_RULE_PROFILE,
    combine,
    maxHouseholds: positive(values, 'max-households', DEFAULT_RULE_PROFILE.maxHouseholds),
    maxPersons: positive(values, 'max-persons', DEFAULT_RULE_PROFILE.maxPersons),
  };
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a grid plan in GeoJSON against the grid rules (sizes, gaps, overlaps, cut buildings)',
  usage:
    'pnpm gridatlas validate --grids <grids.geojson> --units <units.geojson> [--households-field F] [--persons-field F] ' +
    '[--id-field F] [--name-field F] [--unit-kind building|block] [--profile any|all] [--max-households N] [--max-persons N] [--boundary <polygon.geojson>] [--json report.json]',
  options: {
    grids: { type: 'string', valueName: 'grids.geojson', description: 'grid polygons (properties: code, communityCode, zoneCode)' },
    units: { type: 'string', valueName: 'units.geojson', description: 'buildings or other units, points or polygons, with counts' },
    'households-field': { type: 'string', valueName: 'F', default: 'households', description: 'unit property with households' },
    'id-field': {
      type: 'string',
      valueName: 'F',
      description: "unit property with each unit's own id (default: id, code, GEOID, GEO_ID, the feature id)",
    },
    'name-field': { type: 'string', valueName: 'F', description: "unit property with each unit's name (default: name, NAME, 名称…)" },
    'persons-field': { type: 'string', valueName: 'F', default: 'persons', description: 'unit property with persons' },
    'unit-kind': {
      type: 'string',
      valueName: 'building|block',
      description: 'what the units are, for the messages (default: building for points, block for polygons)',
    },
    profile: { type: 'string', valueName: 'any|all', default: 'any', description: 'a grid must meet either cap (any) or both (all)' },
    'max-households': {
      type: 'string',
      valueName: 'N',
      default: String(DEFAULT_RULE_PROFILE.maxHouseholds),
      description: 'household cap per grid',
    },
    'max-persons': { type: 'string', valueName: 'N', default: String(DEFAULT_RULE_PROFILE.maxPersons), description: 'person cap per grid' },
    boundary: { type: 'string', valueName: 'polygon.geojson', description: 'community boundary; without it, the union of the grids' },
    'sliver-m2': { type: 'string', valueName: 'm²', default: '1', description: 'gaps and overlaps smaller than this are ignored' },
    json: { type: 'string', valueName: 'report.json', description: 'write the full report (every grid and problem) here' },
  },
  async run({ values, out }) {
    const t0 = performance.now();
    const gridsPath = required(values, 'grids');
    const unitsPath = required(values, 'units');
    const profile = profileOf(values);
    const sliverM2 = positive(values, 'sliver-m2', 1);
    const fields = {
      households: String(values['households-field'] ?? 'households'),
      persons: String(values['persons-field'] ?? 'persons'),
      ...(typeof values['id-field'] === 'string' ? { id: values['id-field'] } : {}),
      ...(typeof values['name-field'] === 'string' ? { name: values['name-field'] } : {}),
    };

    // Grids as drawn (a multipart or self-crossing grid is an error the plan must hear about, measured as repaired).
    const readG = readGrids(readFeatures(gridsPath, '--grids'), '--grids', { asGiven: true });
    const grids = readG.grids;
    const readU = readUnits(readFeatures(unitsPath, '--units'), fields);
    const units = readU.units;
    const boundaryPath = values.boundary === undefined ? undefined : String(values.boundary);
    const readC = readCommunities(
      grids,
      boundaryPath === undefined ? undefined : readFeatures(boundaryPath, '--boundary'),
      '--boundary',
      readG.repaired,
    );
    const communities = readC.communities;
    const t1 = performance.now();

    const unitKind = unitKindOf(values['unit-kind'], units);
    const v = validatePlan({ communities, grids, units: createUnitIndex(units), profile, sliverM2, unitKind });
    const t2 = performance.now();

    const gridList = gridReports(grids, units, v, readG.names);
    const unitNames = new Map(units.flatMap((u, i) => (readU.names[i] ? [[u.id, readU.names[i]!] as const] : [])));
    const jsonPath = values.json === undefined ? undefined : resolve(String(values.json));
    const report: ValidateReport = {
      input: {
        grids: resolve(gridsPath),
        units: resolve(unitsPath),
        boundary: boundaryPath && resolve(boundaryPath),
        householdsField: fields.households,
        personsField: fields.persons,
        sliverM2,
        json: jsonPath,
      },
      profile,
      summary: summarise(gridList, units, v),
      grids: gridList,
      problems: v.problems.map((p) => withUnitNames(p, unitNames)),
      geometry: { units: readU.report, grids: readG.report, ...(readC.report ? { boundary: readC.report } : {}) },
      runMs: { read: Math.round(t1 - t0), validate: Math.round(t2 - t1), total: 0 },
    };
    report.runMs.total = Math.round(performance.now() - t0);

    if (jsonPath) {
      mkdirSync(dirname(jsonPath), { recursive: true });
      writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');
    }
    for (const line of summaryLines(report)) out(line);
    if (jsonPath) out(`report written to ${jsonPath}`);
    return v.errors > 0 ? 1 : 0;
  },
};

/** `--unit-kind`, else polygon units are blocks (census blocks, street blocks) and point units buildings. */
function unitKindOf(given: unknown, units: readonly PlanUnit[]): UnitKind {
  return parseUnitKind(given) ?? (units.length > 0 && units.every((u) => u.footprint) ? 'block' : 'building');
}
