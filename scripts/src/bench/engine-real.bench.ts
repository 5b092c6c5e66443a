/**
 * `pnpm bench engine --real [--skip-today] [--skip-check] [--speed-only] [--speed-baseline <ref>]
 * [--speed-runs N]`: the engine on real units of
 * different shapes, side by side in one run with the engine as it was before issue 13 (`main`
 * at 57fafe1, loaded by engine-today.ts) and greedy region growing (engine-greedy.ts) on the
 * same units: San Francisco block groups and Denver neighbourhoods, clean and as messy
 * variants, each at about 5 and about 10 units per grid; then the Wuhan building points with
 * their roads and extent. For each run: grids against the simple and the L2 lower bound, the
 * normalising step's repairs, wall and CPU time, and — checked independently in PostGIS on a
 * throwaway PostgreSQL 15 cluster — units covered exactly once, overlaps and gaps beyond
 * slivers, one-polygon grids, and every disagreement with the engine's own report. Last, the
 * speed on real building points with their streets (Shanghai, Wuhan) against an earlier
 * commit's engine, per 500 buildings (engine-real-speed.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, LineString, Point, Polygon } from 'geojson';
import { openDatabase, type Db } from '@gridatlas/api';
import { checkEngineOutput, disagreements, startPgCluster, type EngineOutputCheck } from '@gridatlas/api/testing';
import {
  areaM2,
  delineate,
  delineateCommunity,
  DEFAULT_RULE_PROFILE,
  gridLowerBound,
  packingLowerBound,
  polygonAdjacency,
  SNAP_TOLERANCE_M,
  type DelineateResult,
  type EngineUnit,
  type PlanUnit,
  type RuleProfile,
} from '@gridatlas/core';
import { greedyGrids } from './engine-greedy.js';
import { capProfile, REAL_DATA, realCases, type RealCase } from './engine-real-inputs.js';
import { benchEngineSpeed, speedOptions } from './engine-real-speed.js';
import { loadTodayEngine, TODAY_COMMIT, type TodayEngine } from './engine-today.js';
import { machineLine } from './machine.js';

interface Timed<T> {
  value: T;
  wallMs: number;
  cpuMs: number;
}

function timed<T>(f: () => T): Timed<T> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = f();
  const used = process.cpuUsage(cpu);
  return { value, wallMs: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
}

const f3 = (x: number): string => x.toFixed(3);
const s = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/** The PostGIS verdict on one output, as a table cell. */
function verdict(check: EngineOutputCheck | null, lines: string[] | null): string {
  if (!check) return '—';
  const bad = [
    check.uncovered.length ? `${check.uncovered.length} uncovered` : '',
    check.split.length ? `${check.split.length} in 2 grids` : '',
    check.overlapM2 > 1 ? `overlap ${check.overlapM2.toFixed(0)} m²` : '',
    check.gapM2 > 1 ? `gap ${check.gapM2.toFixed(0)} m²` : '',
    check.multipart.length ? `${check.multipart.length} multipart` : '',
    check.invalid.length ? `${check.invalid.length} invalid` : '',
    check.overRule.length ? `${check.overRule.length} over` : '',
  ].filter(Boolean);
  const once = `${check.coveredOnce}/${check.units} once`;
  return `${once}${bad.length ? `, ${bad.join(', ')}` : ''}; ${lines!.length === 0 ? 'agrees' : `**${lines!.length} disagreements**`}`;
}

async function check(
  db: Db | null,
  c: RealCase,
  result: DelineateResult,
  profile: RuleProfile,
): Promise<{ check: EngineOutputCheck; lines: string[] } | null> {
  if (!db) return null;
  const grids = result.grids.map((g, i) => ({
    code: `G${i + 1}`,
    geometry: g.geometry,
    ...(g.exception ? { exception: true } : {}),
    ...(g.islands ? { islands: g.islands } : {}),
  }));
  const r = result.report as DelineateResult['report'] & { unplaced?: string[]; doubled?: string[]; overlapM2?: number };
  const found = await checkEngineOutput(db, { grids, units: c.read, profile, sliverM2: profile.sliverM2, sliverWidthM: SNAP_TOLERANCE_M });
  const lines = disagreements(found, {
    grids: result.grids.map((g, i) => ({ code: `G${i + 1}`, households: g.households, persons: g.persons })),
    compliant: r.compliant,
    contiguous: r.contiguous,
    unplaced: r.unplaced ?? [],
    doubled: r.doubled ?? [],
    overlapM2: r.overlapM2 ?? 0,
  });
  return { check: found, lines };
}

export async function benchEngineReal(args: string[]): Promise<void> {
  const skipToday = args.includes('--skip-today');
  const skipCheck = args.includes('--skip-check');
  console.log(`machine: ${machineLine()}`);
  if (args.includes('--speed-only')) {
    const rows = await benchEngineSpeed(speedOptions(args));
    console.log('\n' + rows.join('\n'));
    return;
  }
  const today: TodayEngine | null = skipToday ? null : await loadTodayEngine();
  const cluster = skipCheck ? null : await startPgCluster();
  const db = cluster ? await openDatabase({ databaseUrl: cluster.url }) : null;
  await db?.query('CREATE EXTENSION IF NOT EXISTS postgis');
  const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;
  const lines: string[] = [];
  const notes: string[] = [];
  try {
    lines.push(
      row([
        'input',
        'units',
        'cap',
        'LB / L2',
        `ours: grids (× LB)`,
        'ours: time wall / CPU',
        'ours: PostGIS check',
        `today (${TODAY_COMMIT}): grids (× LB)`,
        'today: time',
        'today: PostGIS check',
        'greedy: grids (× LB)',
        'repairs (normalising step)',
      ]),
    );
    lines.push(row(Array.from({ length: 12 }, () => '---')));
    for (const { source, cases } of realCases()) {
      // The caps come from the clean file, so every variant is measured against the same rule.
      const caps = [5, 10].map((k) => ({ k, ...capProfile(source, cases[0]!.units, k) }));
      for (const c of cases) {
        for (const { k, cap, profile } of caps) {
          const lb = gridLowerBound(c.units, profile);
          const l2 = Math.max(lb, packingLowerBound(c.units, profile));
          const ours = timed(() => delineate({ boundary: c.units[0]!.geometry, units: c.units, profile, seed: 1 }));
          const oursCheck = await check(db, c, ours.value, profile);
          let todayCells = ['—', '—', '—'];
          if (today) {
            const old = timed(() => today.delineate({ boundary: c.units[0]!.geometry, units: c.units, profile, seed: 1 }));
            // The old engine is checked on the clean inputs only (a PostGIS check costs seconds).
            const oldCheck = c.name.includes('/') ? null : await check(db, c, old.value, profile);
            todayCells = [
              `${old.value.grids.length} (${f3(old.value.grids.length / lb)})`,
              `${s(old.wallMs)} / ${s(old.cpuMs)}`,
              oldCheck ? verdict(oldCheck.check, oldCheck.lines) : '—',
            ];
          }
          const adjacency = polygonAdjacency(c.units.map((u) => u.geometry));
          const greedy = greedyGrids(c.units, adjacency, profile).length;
          const repairs =
            Object.entries(c.normalise.reasons)
              .map(([r, n]) => `${r} ${n}`)
              .join(', ') || 'none';
          const extra = c.extraParts.count
            ? `; ${c.extraParts.count} island part(s), ${(c.extraParts.areaM2 / 1e6).toFixed(3)} km² (today's engine drops them)`
            : '';
          lines.push(
            row([
              c.name,
              c.units.length,
              `${cap} ${source.by} (~${k}/grid)`,
              `${lb} / ${l2}`,
              `${ours.value.grids.length} (${f3(ours.value.grids.length / lb)}; L2 ${f3(ours.value.grids.length / l2)})`,
              `${s(ours.wallMs)} / ${s(ours.cpuMs)}`,
              oursCheck ? verdict(oursCheck.check, oursCheck.lines) : '—',
              ...todayCells,
              `${greedy} (${f3(greedy / lb)})`,
              `${c.normalise.repaired} repaired, ${c.normalise.rejected} rejected (${repairs})${extra}`,
            ]),
          );
          if (oursCheck && oursCheck.lines.length > 0) notes.push(`${c.name} @ ${cap}: ${oursCheck.lines.slice(0, 5).join('; ')}`);
          console.log(lines.at(-1));
        }
      }
    }
    await wuhan(db, today, lines, row);
  } finally {
    await db?.close();
    cluster?.stop();
  }
  const speed = await benchEngineSpeed(speedOptions(args));
  console.log('\n' + lines.join('\n'));
  for (const n of notes) console.log(`disagreement: ${n}`);
  console.log('\n' + speed.join('\n'));
}

/** The Wuhan building points with their roads and the tiles' extent, under the default rule. */
async function wuhan(
  db: Db | null,
  today: TodayEngine | null,
  lines: string[],
  row: (cells: (string | number)[]) => string,
): Promise<void> {
  const read = (f: string): FeatureCollection => JSON.parse(readFileSync(join(REAL_DATA, f), 'utf8')) as FeatureCollection;
  const points = read('wuhan-hongshan-building-points.geojson').features;
  const buildings: PlanUnit[] = points.map((f, i) => ({
    id: String(f.properties?.id ?? i + 1),
    point: (f.geometry as Point).coordinates as [number, number],
    households: Number(f.properties?.households ?? 0),
    persons: Number(f.properties?.persons ?? 0),
  }));
  const streets = read('wuhan-hongshan-roads.geojson').features.flatMap((f) =>
    f.geometry.type === 'LineString'
      ? [f.geometry as LineString]
      : f.geometry.type === 'MultiLineString'
        ? f.geometry.coordinates.map((c): LineString => ({ type: 'LineString', coordinates: c }))
        : [],
  );
  const boundary = read('wuhan-hongshan-extent.geojson').features[0]!.geometry as Polygon;
  const profile = DEFAULT_RULE_PROFILE;
  const lb = gridLowerBound(buildings, profile);
  const run = async (label: string, f: () => DelineateResult & { units: { units: EngineUnit[] } }): Promise<string[]> => {
    const r = timed(f);
    let cell = '—';
    if (db) {
      const found = await checkEngineOutput(db, {
        grids: r.value.grids.map((g, i) => ({ code: `W${i + 1}`, geometry: g.geometry, ...(g.exception ? { exception: true } : {}) })),
        units: buildings.map((b) => ({
          id: b.id,
          geometry: { type: 'Point', coordinates: b.point },
          households: b.households,
          persons: b.persons,
        })),
        cover: boundary,
        profile,
        sliverM2: profile.sliverM2,
        sliverWidthM: profile.sliverWidthM,
      });
      const rep = r.value.report as DelineateResult['report'] & { unplaced?: string[]; doubled?: string[]; overlapM2?: number };
      const d = disagreements(found, {
        grids: r.value.grids.map((g, i) => ({ code: `W${i + 1}`, households: g.households, persons: g.persons })),
        compliant: rep.compliant,
        contiguous: rep.contiguous,
        unplaced: rep.unplaced ?? [],
        doubled: rep.doubled ?? [],
        overlapM2: rep.overlapM2 ?? 0,
      });
      cell = `${verdict(found, d)}; coverage ${(100 * (1 - found.gapM2 / Math.max(1, areaM2(boundary)))).toFixed(1)}%`;
      if (d.length) console.log(`wuhan ${label} disagreements: ${d.slice(0, 5).join('; ')}`);
    }
    return [`${r.value.grids.length} (${f3(r.value.grids.length / lb)})`, `${s(r.wallMs)} / ${s(r.cpuMs)}`, cell];
  };
  const ours = await run('ours', () => delineateCommunity({ boundary, streets, buildings, profile, seed: 1 }));
  const old = today
    ? await run('today', () => today.delineateCommunity({ boundary, streets, buildings, profile, seed: 1 }))
    : ['—', '—', '—'];
  lines.push(
    row([
      'wuhan-hongshan (building points + roads + extent)',
      buildings.length,
      '300 households or 1,000 persons',
      `${lb} / ${packingLowerBound(buildings, profile)}`,
      ...ours,
      ...old,
      '—',
      'points: none',
    ]),
  );
  console.log(lines.at(-1));
}
