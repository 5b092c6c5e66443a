/**
 * `gridatlas validate` on real San Francisco block groups written the messy way (three holes
 * written as second shells, with the enclave block groups in them) under a plan of one grid
 * per census tract: every grid gets its figures — the tract holding the island block group
 * is multipart and still measured — and every repaired unit is named by its own GEO_ID.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featureCollection, union } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { messyVariant } from '@gridatlas/data';
import { afterAll, describe, expect, it } from 'vitest';
import { validateCommand } from './validate.command.js';
import type { ValidateReport } from './validate-report.js';

const SF = join(
  process.env.GRIDATLAS_REAL_DATA ?? join(import.meta.dirname, '../../../../shared/data/real'),
  'sf-blockgroups-2010.geojson',
);
const dir = mkdtempSync(join(tmpdir(), 'gridatlas-validate-messy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gridatlas validate on messy real block groups', () => {
  const sf = JSON.parse(readFileSync(SF, 'utf8')) as FeatureCollection<MultiPolygon>;
  const messy = messyVariant(sf.features, 'nested_shell', { seed: 5, count: 3, idField: 'GEO_ID', countFields: ['Population'] });
  // One grid per tract, drawn from the clean block groups (the enclaves lie inside their tract).
  const tracts = new Map<string, Feature<Polygon | MultiPolygon>[]>();
  for (const f of sf.features) tracts.set(String(f.properties!.TRACT), [...(tracts.get(String(f.properties!.TRACT)) ?? []), f]);
  const grids = [...tracts].map(([tract, fs]): Feature => ({
    type: 'Feature',
    properties: { code: tract, name: `Tract ${tract}` },
    geometry: fs.length === 1 ? fs[0]!.geometry : union(featureCollection(fs))!.geometry,
  }));

  it('measures every grid, the multipart one too, and names each repaired unit by its GEO_ID', async () => {
    const units = join(dir, 'units.geojson');
    const gridsFile = join(dir, 'grids.geojson');
    const json = join(dir, 'report.json');
    writeFileSync(units, JSON.stringify({ type: 'FeatureCollection', features: messy.features }));
    writeFileSync(gridsFile, JSON.stringify({ type: 'FeatureCollection', features: grids }));
    const out: string[] = [];
    const code = await validateCommand.run({
      values: {
        grids: gridsFile,
        units,
        'households-field': 'Population',
        'persons-field': 'Population',
        'id-field': 'GEO_ID',
        'name-field': 'GEO_displa',
        'max-households': '100000',
        'max-persons': '20000',
        json,
      },
      positionals: [],
      out: (l) => out.push(l),
      err: () => {},
    });
    const report = JSON.parse(readFileSync(json, 'utf8')) as ValidateReport;
    expect(report.grids).toHaveLength(tracts.size);
    const unmeasured = report.grids.filter((g) => g.status === 'invalid' || g.households === undefined || g.areaM2 === undefined);
    expect(unmeasured).toEqual([]);
    const multipart = report.grids.filter((g) => g.geometryErrors?.includes('multipart'));
    expect(multipart).toHaveLength(1);
    expect(multipart[0]).toMatchObject({ buildings: expect.any(Number), name: expect.stringMatching(/^Tract /) });
    expect(multipart[0]!.persons).toBeGreaterThan(0);
    expect(code).toBe(1);

    // Every block group counted once, the enclaves included.
    const persons = messy.features.reduce((s, f) => s + Number(f.properties!.Population), 0);
    expect(report.grids.reduce((s, g) => s + (g.persons ?? 0), 0)).toBe(persons);
    expect(report.summary.unitsInNoGrid).toBe(0);

    const nested = report.geometry.units.repairs.filter((r) => r.reason === 'nested_shell');
    expect(nested.map((r) => r.id).sort()).toEqual([...messy.changed].sort());
    for (const r of nested) {
      expect(r.id).toMatch(/^1500000US06075\d{7}$/);
      expect(r.name).toMatch(/^Block Group \d, Census Tract/);
      expect(r.areaAfterM2).toBeLessThan(r.areaBeforeM2!);
    }
    expect(report.geometry.units).toMatchObject({ read: 582, accepted: 582, repaired: 3, rejected: 0 });
    expect(out.join('\n')).toMatch(/repaired: nested_shell × 3 — 1500000US06075\d+ \(Block Group/);
  });
});
