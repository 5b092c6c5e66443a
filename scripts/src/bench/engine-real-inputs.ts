/**
 * The inputs of `pnpm bench engine --real`: real polygon units (San Francisco block groups,
 * persons only; Denver neighbourhoods, households) and messy variants of them from
 * `@gridatlas/data`, each read through core's normalising step (every repair and rejection
 * counted), at two caps: about 5 and about 10 units per grid on average (the mean unit times
 * 5 or 10, rounded to two significant figures). A unit that stays multipart after repair
 * enters the engine by its largest part with the others as its `islands` (they go to its
 * grid), so every part is counted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { areaM2, DEFAULT_RULE_PROFILE, normaliseFeatures, type EngineUnit, type RuleProfile } from '@gridatlas/core';
import { messyVariant, type MessyKind } from '@gridatlas/data';

export const REAL_DATA = process.env.GRIDATLAS_REAL_DATA ?? join(import.meta.dirname, '../../../../shared/data/real');

export interface RealCase {
  /** e.g. "sf-blockgroups", "sf-blockgroups/nested_shell". */
  name: string;
  units: EngineUnit[];
  /** The units as read (all parts), for the PostGIS check. */
  read: { id: string; geometry: Polygon | MultiPolygon; households: number; persons: number }[];
  /** Features read, repaired and rejected by the normalising step, and repairs by reason. */
  normalise: { read: number; repaired: number; rejected: number; reasons: Record<string, number> };
  /** Parts beyond each unit's largest (islands): they enter the engine as the unit's `islands`. */
  extraParts: { count: number; areaM2: number };
}

interface Source {
  name: string;
  file: string;
  idField: string;
  households: string;
  persons: string;
  /** Which count the cap is on. */
  by: 'households' | 'persons';
}

const SOURCES: Source[] = [
  {
    name: 'sf-blockgroups',
    file: 'sf-blockgroups-2010.geojson',
    idField: 'GEO_ID',
    households: 'Population',
    persons: 'Population',
    by: 'persons',
  },
  {
    name: 'denver-neighborhoods',
    file: 'denver-neighborhoods-2010.geojson',
    idField: 'NBHD_ID',
    households: 'NUM_HOUSEH',
    persons: 'POPULATION',
    by: 'households',
  },
];

/** Self-intersections (bow-ties), nested shells, slivers, repeated vertices, an island, single-part MultiPolygons. */
export const BENCH_MESSY: MessyKind[] = ['single_part_multi', 'nested_shell', 'bowtie', 'sliver', 'duplicate_vertices', 'island'];

function toCase(name: string, src: Source, features: readonly Feature[]): RealCase {
  const { items, report } = normaliseFeatures(features, { expect: 'polygon', idField: src.idField });
  const units: EngineUnit[] = [];
  const read: RealCase['read'] = [];
  let extraCount = 0;
  let extraArea = 0;
  for (const f of items) {
    const g = f.geometry as Polygon | MultiPolygon;
    const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    const areas = parts.map((c) => areaM2({ type: 'Polygon', coordinates: c }));
    const main = areas.indexOf(Math.max(...areas));
    extraCount += parts.length - 1;
    extraArea += areas.reduce((s, a, i) => (i === main ? s : s + a), 0);
    const households = Number(f.properties[src.households]);
    const persons = Number(f.properties[src.persons]);
    // The largest part is the unit's face; the others (islands) ride with it into its grid.
    const islands = parts.filter((_, i) => i !== main).map((c): Polygon => ({ type: 'Polygon', coordinates: c }));
    units.push({
      id: f.id,
      geometry: { type: 'Polygon', coordinates: parts[main]! },
      households,
      persons,
      ...(islands.length ? { islands } : {}),
    });
    read.push({ id: f.id, geometry: g, households, persons });
  }
  const reasons: Record<string, number> = {};
  for (const [k, v] of Object.entries(report.reasons)) if (v && !v.informational) reasons[k] = v.count;
  return {
    name,
    units,
    read,
    normalise: { read: report.read, repaired: report.repaired, rejected: report.rejected, reasons },
    extraParts: { count: extraCount, areaM2: extraArea },
  };
}

/** The clean file and each messy variant of every source. */
export function realCases(kinds: readonly MessyKind[] = BENCH_MESSY): { source: Source; cases: RealCase[] }[] {
  return SOURCES.map((src) => {
    const features = (JSON.parse(readFileSync(join(REAL_DATA, src.file), 'utf8')) as FeatureCollection).features;
    const cases = [toCase(src.name, src, features)];
    for (const kind of kinds) {
      const v = messyVariant(features, kind, { seed: 1, count: 3, idField: src.idField, countFields: [src.households, src.persons] });
      cases.push(toCase(`${src.name}/${kind}`, src, v.features));
    }
    return { source: src, cases };
  });
}

/** The rule at about `perGrid` units per grid: a cap on the source's count, the other cap never binding, both required. */
export function capProfile(
  src: { by: 'households' | 'persons' },
  units: readonly EngineUnit[],
  perGrid: number,
): { profile: RuleProfile; cap: number } {
  const mean = units.reduce((s, u) => s + u[src.by], 0) / Math.max(1, units.length);
  const raw = mean * perGrid;
  const step = 10 ** (Math.floor(Math.log10(raw)) - 1);
  const cap = Math.round(raw / step) * step;
  const never = 1e12;
  return {
    cap,
    profile: {
      ...DEFAULT_RULE_PROFILE,
      combine: 'all',
      maxHouseholds: src.by === 'households' ? cap : never,
      maxPersons: src.by === 'persons' ? cap : never,
    },
  };
}
