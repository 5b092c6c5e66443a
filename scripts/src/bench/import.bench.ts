/**
 * `pnpm bench import [--scale lianhu|default]`: a Lianhu-scale district (134 communities,
 * ~5,800 buildings, ~250,000 registry rows, its streets) written out as an office's files from
 * the demo generator and imported layer by layer with the district import (the code path of
 * `pnpm gridatlas district …`: read, normalise, check, one transaction per layer) into a fresh
 * embedded database and, in the same run, a fresh PostgreSQL 15 + PostGIS cluster. Prints
 * each layer's time on both, the totals, their ratio and the target (≤ 60 s embedded).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDistrict, importDistrictLayer, migrate, openDatabase, type Db, type DistrictImportOptions } from '@gridatlas/api';
import { startPgCluster } from '@gridatlas/api/testing';
import { generateDistrict, type DemoScale, type DistrictDataset } from '@gridatlas/data';
import { machineLine } from './machine.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

interface Files {
  district: string;
  subdistricts: string;
  communities: string;
  buildings: string;
  registry: string;
  streets: string;
  registryRows: number;
}

/** The generator's district as the files an office would bring. */
function writeFiles(dir: string, d: DistrictDataset): Files {
  const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
  const regions = (level: string) =>
    fc(
      d.regions
        .filter((r) => r.level === level)
        .map((r) => ({ type: 'Feature', properties: { 代码: r.code, 名称: r.name }, geometry: r.boundary })),
    );
  const files = {
    district: join(dir, 'district.geojson'),
    subdistricts: join(dir, 'subdistricts.geojson'),
    communities: join(dir, 'communities.geojson'),
    buildings: join(dir, 'buildings.geojson'),
    registry: join(dir, 'registry.csv'),
    streets: join(dir, 'streets.geojson'),
  };
  writeFileSync(files.district, regions('district'));
  writeFileSync(files.subdistricts, regions('subdistrict'));
  writeFileSync(files.communities, regions('community'));
  writeFileSync(
    files.buildings,
    fc(
      d.buildings.map((b) => ({
        type: 'Feature',
        properties: { id: b.id, 楼栋编码: `B${b.id}`, 名称: b.name, 层数: b.floors },
        geometry: b.footprint,
      })),
    ),
  );
  writeFileSync(
    files.streets,
    fc(d.streets.map((s) => ({ type: 'Feature', properties: { id: s.id, name: s.name, class: s.class }, geometry: s.geometry }))),
  );
  // One row per household: its building's code and its persons (the building's spread evenly).
  const lines = ['楼栋编码,户号,人数'];
  for (const b of d.buildings) {
    for (let h = 0; h < b.households; h++) {
      const persons = Math.floor(b.persons / b.households) + (h < b.persons % b.households ? 1 : 0);
      lines.push(`B${b.id},${b.id}-${h + 1},${persons}`);
    }
  }
  writeFileSync(files.registry, lines.join('\n') + '\n');
  return { ...files, registryRows: lines.length - 1 };
}

type Step = [string, (db: Db) => Promise<unknown>];

function steps(f: Files, code: string, name: string): Step[] {
  const layer = (layerName: DistrictImportOptions['layer'], file: string, options: Partial<DistrictImportOptions> = {}): Step => [
    layerName,
    async (db) => {
      const r = await importDistrictLayer(db, { path: file }, { layer: layerName, districtCode: code, ...options });
      if (!r.written) throw new Error(`${layerName} not written: ${r.rejected} rejected (${Object.keys(r.reasons).join(', ')})`);
      return r;
    },
  ];
  return [
    ['district', (db) => createDistrict(db, { path: f.district }, { code, name })],
    layer('subdistricts', f.subdistricts, { codeField: '代码', nameField: '名称' }),
    layer('communities', f.communities, { codeField: '代码', nameField: '名称' }),
    layer('buildings', f.buildings, { idField: 'id', codeField: '楼栋编码', nameField: '名称', floorsField: '层数' }),
    layer('registry', f.registry, { keyField: '楼栋编码', personsField: '人数' }),
    layer('streets', f.streets, { idField: 'id', classField: 'class' }),
  ];
}

async function run(db: Db, list: Step[], label: string): Promise<Map<string, number>> {
  await migrate(db);
  const times = new Map<string, number>();
  const t0 = performance.now();
  for (const [name, fn] of list) {
    const t = performance.now();
    await fn(db);
    times.set(name, performance.now() - t);
    console.log(`  ${label}: ${name} ${seconds(performance.now() - t)}`);
  }
  times.set('total', performance.now() - t0);
  return times;
}

export async function benchImport(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { scale: { type: 'string', default: 'lianhu' } } });
  const scale = values.scale as DemoScale;
  console.log(`machine: ${machineLine()}`);
  const d = generateDistrict({ seed: 1, scale });
  const district = d.regions.find((r) => r.level === 'district')!;
  const dir = mkdtempSync(join(tmpdir(), 'gridatlas-bench-import-'));
  const cluster = await startPgCluster();
  try {
    const files = writeFiles(dir, d);
    console.log(
      `district ${district.code} (${scale}): ${d.regions.filter((r) => r.level === 'community').length} communities, ${d.buildings.length} buildings, ` +
        `${files.registryRows.toLocaleString('en')} registry rows, ${d.streets.length} streets`,
    );
    const list = steps(files, district.code, district.name);
    const embedded = await openDatabase({ dataDir: join(dir, 'pglite') });
    const e = await run(embedded, list, 'embedded').finally(() => embedded.close());
    const u = new URL(cluster.url);
    const pg = await openDatabase({ databaseUrl: u.toString() });
    const p = await run(pg, list, 'PostgreSQL').finally(() => pg.close());
    console.log(`\n${'layer'.padEnd(14)}${'embedded'.padStart(10)}${'PostgreSQL'.padStart(12)}${'ratio'.padStart(8)}`);
    for (const [name, ms] of e)
      console.log(
        `${name.padEnd(14)}${seconds(ms).padStart(10)}${seconds(p.get(name)!).padStart(12)}${(ms / p.get(name)!).toFixed(2).padStart(8)}`,
      );
    const total = e.get('total')!;
    console.log(
      `\ntarget: the whole district on the embedded database in ≤ 60 s — ${seconds(total)}: ${total <= 60_000 ? 'met' : 'NOT met'}`,
    );
  } finally {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
