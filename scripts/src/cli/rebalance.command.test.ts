/**
 * `gridatlas rebalance` run as the command line runs it, on files in a temp dir: a plan made
 * by `gridatlas delineate` on the real Denver neighbourhoods, rebalanced under a lower cap,
 * and a street grid of building points where some buildings grow; untouched grids must come
 * back with the same geometry and code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, LineString, Point, Polygon } from 'geojson';
import { rebalanceCommunity } from '@gridatlas/core';
import { afterAll, describe, expect, it } from 'vitest';
import { delineateCommand } from './delineate.command.js';
import { DENVER, pointCommunity, runCommand, tempDir } from './engine-io.fixture.js';
import { rebalanceCommand, type RebalanceCommandReport } from './rebalance.command.js';

const tmp = tempDir('gridatlas-rebalance-');
afterAll(tmp.cleanup);
const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** Grids of `after` that were not changed are the very features of `before`: same code, same geometry text. */
function expectUntouchedIdentical(before: FeatureCollection, after: FeatureCollection, changed: readonly string[]): number {
  const old = new Map(before.features.map((f) => [String(f.properties!.code), JSON.stringify(f.geometry)]));
  const kept = after.features.filter((f) => !changed.includes(String(f.properties!.code)));
  for (const f of kept) {
    expect(f.properties!.changed).toBe(false);
    expect(JSON.stringify(f.geometry)).toBe(old.get(String(f.properties!.code)));
  }
  return kept.length;
}

describe('gridatlas rebalance on real Denver neighbourhoods', () => {
  const fields = { 'households-field': 'NUM_HOUSEH', 'persons-field': 'POPULATION' };
  const planPath = join(tmp.dir, 'denver-plan.geojson');

  it('fixes the grids over a lowered cap, keeps the others as they were and moves less than a re-run', async () => {
    expect((await runCommand(delineateCommand, { units: DENVER, ...fields, 'max-households': '20000', out: planPath })).code).toBe(0);
    const out = join(tmp.dir, 'denver-rebalanced.geojson');
    const json = join(tmp.dir, 'denver-rebalanced.json');
    // 17,000 households (or 50,000 persons): some 20,000-household grids are now over.
    const r = await runCommand(rebalanceCommand, {
      plan: planPath,
      units: DENVER,
      ...fields,
      'max-households': '17000',
      'max-persons': '50000',
      out,
      json,
    });
    const report = read<RebalanceCommandReport>(json);
    expect(r.code).toBe(0);
    expect(report.assignedBy).toBe('unit_ids');
    expect(report.violating.length).toBeGreaterThan(0);
    expect(report.remaining).toEqual([]);
    expect(report.householdsMoved).toBeGreaterThan(0);
    expect(report.householdsMoved).toBeLessThan(report.scratch.householdsMoved);
    const after = read<FeatureCollection>(out);
    const kept = expectUntouchedIdentical(read<FeatureCollection>(planPath), after, [...report.changedGrids, ...report.addedGrids]);
    expect(kept).toBeGreaterThan(0);
    expect(after.features.flatMap((f) => f.properties!.unit_ids as string[])).toHaveLength(75);
  });

  it('gives units to grids by representative point when the plan lists no unit ids', async () => {
    const plan = read<FeatureCollection>(planPath);
    for (const f of plan.features) delete f.properties!.unit_ids;
    const json = join(tmp.dir, 'by-point.json');
    const r = await runCommand(rebalanceCommand, {
      plan: tmp.file(plan),
      units: DENVER,
      ...fields,
      'max-households': '20000',
      out: join(tmp.dir, 'by-point.geojson'),
      json,
    });
    const report = read<RebalanceCommandReport>(json);
    expect(r.code).toBe(0);
    expect(report.assignedBy).toBe('point');
    expect(report.unassignedUnits).toBe(0);
    // Same cap as the plan: nothing to do.
    expect(report).toMatchObject({ violating: [], changedGrids: [], addedGrids: [], householdsMoved: 0 });
  });
});

describe('gridatlas rebalance on building points in a street grid', () => {
  it('splits the grid whose buildings grew and leaves the far grids alone', async () => {
    const c = pointCommunity(5, 3, 30);
    const files = { streets: tmp.file(c.streets), boundary: tmp.file(c.boundary) };
    const planPath = join(tmp.dir, 'points-plan.geojson');
    expect((await runCommand(delineateCommand, { ...files, units: tmp.file(c.buildings), out: planPath })).code).toBe(0);
    // The buildings of the first two block columns grow by half.
    const grown = structuredClone(c.buildings);
    for (const f of grown.features) {
      if (!/^b[01]-/.test(String(f.properties!.id))) continue;
      f.properties!.households = 45;
      f.properties!.persons = 135;
    }
    const out = join(tmp.dir, 'points-rebalanced.geojson');
    const json = join(tmp.dir, 'points-rebalanced.json');
    const r = await runCommand(rebalanceCommand, { ...files, plan: planPath, units: tmp.file(grown), out, json });
    const report = read<RebalanceCommandReport>(json);
    expect(r.code).toBe(0);
    expect(report.violating.length).toBeGreaterThan(0);
    expect(report.remaining).toEqual([]);
    expect(report.buildingsMoved).toBeGreaterThan(0);
    const after = read<FeatureCollection>(out);
    expect(after.features.flatMap((f) => f.properties!.unit_ids as string[]).sort()).toEqual(
      grown.features.map((f) => String(f.properties!.id)).sort(),
    );
    // The default rule: 300 households or 1,000 persons.
    for (const f of after.features)
      if (!f.properties!.exception) expect(f.properties!.households <= 300 || f.properties!.persons <= 1000).toBe(true);
    expectUntouchedIdentical(read<FeatureCollection>(planPath), after, [...report.changedGrids, ...report.addedGrids]);
    expect(r.out).toMatch(/from scratch: \d+ households/);
  });

  it('agrees with core’s rebalanceCommunity on the same files, and keeps --locked and dedicated grids', async () => {
    const c = pointCommunity(4, 3, 30);
    const files = { streets: tmp.file(c.streets), boundary: tmp.file(c.boundary) };
    const planPath = join(tmp.dir, 'agree-plan.geojson');
    expect((await runCommand(delineateCommand, { ...files, units: tmp.file(c.buildings), out: planPath })).code).toBe(0);
    const plan = read<FeatureCollection>(planPath);
    // The last grid is dedicated (a school): it takes part but never changes.
    plan.features.at(-1)!.properties!.type = 'dedicated';
    const grown = structuredClone(c.buildings);
    for (const f of grown.features)
      if (/^b0-/.test(String(f.properties!.id))) Object.assign(f.properties!, { households: 60, persons: 180 });
    const json = join(tmp.dir, 'agree.json');
    // Locked: a grid none of whose buildings grew (a locked grid over the rule stays over it).
    const calm = plan.features.slice(0, -1).find((f) => !(f.properties!.unit_ids as string[]).some((id) => /^b0-/.test(id)))!;
    const lockedCode = String(calm.properties!.code);
    const r = await runCommand(rebalanceCommand, {
      ...files,
      plan: tmp.file(plan),
      units: tmp.file(grown),
      locked: lockedCode,
      out: join(tmp.dir, 'agree.geojson'),
      json,
    });
    expect(r.code, r.out).toBe(0);
    const report = read<RebalanceCommandReport>(json);
    expect(report.locked.sort()).toEqual([lockedCode, String(plan.features.at(-1)!.properties!.code)].sort());
    expect(report.changedGrids).not.toContain(lockedCode);
    // Core on the same input, read the way the command reads it.
    const core = rebalanceCommunity({
      boundary: c.boundary.features[0]!.geometry as Polygon,
      streets: c.streets.features.map((f) => f.geometry as LineString),
      buildings: grown.features.map((f) => ({
        id: String(f.properties!.id),
        point: (f.geometry as Point).coordinates as [number, number],
        households: f.properties!.households,
        persons: f.properties!.persons,
      })),
      plan: plan.features.map((f) => ({
        code: String(f.properties!.code),
        geometry: f.geometry as Polygon,
        ...(f.properties!.type === 'dedicated' ? { type: 'dedicated' as const } : {}),
      })),
      profile: report.profile,
      locked: [lockedCode],
      seed: 1,
      compare: true,
    });
    expect(report).toMatchObject({
      violating: core.report.violating,
      changedGrids: core.report.changedGrids,
      addedGrids: core.report.addedGrids,
      actions: core.report.actions,
      householdsMoved: core.report.householdsMoved,
      remaining: core.report.remaining,
      scratch: { grids: core.rerun!.grids, householdsMoved: core.rerun!.householdsMoved },
    });
    expect(report.violating.length).toBeGreaterThan(0);
  });

  it('refuses a plan that is not polygons with exit 2', async () => {
    const c = pointCommunity(2, 1, 10);
    const r = await runCommand(rebalanceCommand, {
      plan: tmp.file(c.streets),
      units: tmp.file(c.buildings),
      out: join(tmp.dir, 'x.geojson'),
    });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/--plan: .* not polygons/);
  });
});

describe('gridatlas rebalance with a unit over the rule on its own', () => {
  const D = 0.001;
  const box = (x0: number, x1: number): Polygon => ({
    type: 'Polygon',
    coordinates: [
      [
        [108.9 + x0 * D, 34.25],
        [108.9 + x1 * D, 34.25],
        [108.9 + x1 * D, 34.251],
        [108.9 + x0 * D, 34.251],
        [108.9 + x0 * D, 34.25],
      ],
    ],
  });

  it('marks the untouched grid of that one unit as an exception in the output, named by the unit id of the file', async () => {
    const units: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 'tower-7', households: 420, persons: 1300 }, geometry: box(0, 1) },
        { type: 'Feature', properties: { id: 'block-2', households: 40, persons: 120 }, geometry: box(1, 2) },
        { type: 'Feature', properties: { id: 'block-3', households: 40, persons: 120 }, geometry: box(2, 3) },
      ],
    };
    const plan: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: 'A', unit_ids: ['tower-7'] }, geometry: box(0, 1) },
        { type: 'Feature', properties: { code: 'B', unit_ids: ['block-2', 'block-3'] }, geometry: box(1, 3) },
      ],
    };
    const out = join(tmp.dir, 'tower.geojson');
    const json = join(tmp.dir, 'tower.json');
    const r = await runCommand(rebalanceCommand, { plan: tmp.file(plan), units: tmp.file(units), 'id-field': 'id', out, json });
    expect(r.code).toBe(0);
    const report = read<RebalanceCommandReport>(json);
    // Polygon units are blocks unless --unit-kind says otherwise.
    expect(report.unitKind).toBe('block');
    expect(report.exceptions.map((e) => e.message)).toEqual([
      'block tower-7 has 420 households and 1300 persons, over the rule on its own and indivisible: grid A stays over',
    ]);
    expect(report.exceptions[0]!.unitKind).toBe('block');
    expect(r.out).toContain('exception: block tower-7 has 420 households');
    expect(r.out).toMatch(/^moved: 0 households \(0 blocks\)/m);
    expect(report).toMatchObject({ remaining: [], exceptionGrids: ['A'] });
    const a = read<FeatureCollection>(out).features.find((f) => f.properties!.code === 'A')!;
    expect(a.properties).toMatchObject({ changed: false, exception: true, households: 420 });
    expect(a.geometry).toEqual(plan.features[0]!.geometry);

    // Building footprints given as polygons: --unit-kind building names them so, in the messages and the report.
    const asBuildings = await runCommand(rebalanceCommand, {
      plan: tmp.file(plan),
      units: tmp.file(units),
      'id-field': 'id',
      'unit-kind': 'building',
      out,
      json,
    });
    expect(asBuildings.code).toBe(0);
    const footprints = read<RebalanceCommandReport>(json);
    expect(footprints.unitKind).toBe('building');
    expect(footprints.exceptions.map((e) => [e.unitKind, e.message])).toEqual([
      ['building', 'building tower-7 has 420 households and 1300 persons, over the rule on its own and indivisible: grid A stays over'],
    ]);
    expect(asBuildings.out).toMatch(/^moved: 0 households \(0 buildings\)/m);
    expect(asBuildings.out).not.toMatch(/\bunits?\b/);
  });

  it('refuses an unknown --unit-kind with exit 2', async () => {
    const r = await runCommand(rebalanceCommand, {
      plan: tmp.file({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'A' }, geometry: box(0, 1) }] }),
      units: tmp.file({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { id: 'x', households: 1, persons: 1 }, geometry: box(0, 1) }],
      }),
      'unit-kind': 'tract',
      out: join(tmp.dir, 'never.geojson'),
    });
    expect(r.code).toBe(2);
    expect(r.out).toContain('--unit-kind: "tract" is not building or block');
  });
});
