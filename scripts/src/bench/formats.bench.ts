/**
 * `pnpm bench formats [--seed N]`: reading an office's files at Lianhu scale, ours beside
 * GDAL's ogr2ogr on the same files in the same run. The files are made from the demo
 * generator (`@gridatlas/data`, scale lianhu) at bench time: the buildings (~5,800
 * footprints) as a CGCS2000 Gauss–Krüger (EPSG:4526) GBK zipped Shapefile without a .cpg
 * (written by ogr2ogr, as an office's file would be), and a population registry of one row
 * per household (~250,000 rows, synthetic ids, no names) as a GBK CSV and an XLSX. Ours:
 * `readLayer` (decode, detect, reproject to WGS84 in memory) and `inspectLayer` (the
 * wizard's preview); GDAL: `ogr2ogr` converting the same file to GeoJSON in WGS84 (or to CSV
 * for tables). Each run is its own process; wall time and peak memory (max RSS) come from
 * /usr/bin/time; "call" is the time inside readLayer alone, and the process figures are also
 * given less those of a process that loads the readers and reads nothing. The inputs are
 * kept in `.bench/formats` and made again only for another seed (`--fresh` forces it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeXlsx } from '@gridatlas/api/formats';
import { generateDistrict } from '@gridatlas/data';
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { machineLine } from './machine.js';

const root = join(import.meta.dirname, '../../..');
const work = join(root, '.bench/formats');

interface Run {
  wallS: number;
  maxRssMb: number;
  out: string;
}

/** Runs a command under /usr/bin/time: its wall seconds, peak memory and stdout. */
function measured(cmd: string, args: string[]): Run {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', cmd, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  const m = /TIME ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  return { wallS: Number(m[1]), maxRssMb: Number(m[2]) / 1024, out: r.stdout };
}

function ours(
  mode: 'read' | 'inspect' | 'none',
  file: string,
  options: Record<string, string> = {},
): Run & { callMs: number; features: number } {
  const run = measured(process.execPath, ['--import', 'tsx', 'scripts/src/bench/formats-read.ts', mode, file, JSON.stringify(options)]);
  const line = JSON.parse(run.out.trim().split('\n').pop()!) as { ms: number; features: number };
  return { ...run, callMs: line.ms, features: line.features };
}

const fmt = (r: Run) => `${r.wallS.toFixed(2)} s, ${r.maxRssMb.toFixed(0)} MB peak`;

export async function benchFormats(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { seed: { type: 'string', default: '1' }, runs: { type: 'string', default: '3' }, fresh: { type: 'boolean', default: false } },
  });
  if (!existsSync('/usr/bin/time') || spawnSync('ogr2ogr', ['--version']).status !== 0) {
    throw new Error('pnpm bench formats needs /usr/bin/time and GDAL: apt-get install -y time gdal-bin');
  }
  const runs = Number(values.runs);
  console.log(`machine: ${machineLine()}`);
  console.log(`GDAL: ${execFileSync('ogr2ogr', ['--version'], { encoding: 'utf8' }).trim()}`);
  const shpZip = join(work, 'buildings.zip');
  const csv = join(work, 'registry.csv');
  const xlsx = join(work, 'registry.xlsx');
  const stamp = join(work, `seed-${values.seed}`);
  if (values.fresh || !existsSync(stamp)) {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    await makeInputs(Number(values.seed), shpZip, csv, xlsx);
    writeFileSync(stamp, '');
  }
  console.log(
    `inputs: buildings GK EPSG:4526 GBK shapefile zipped ${(statSync(shpZip).size / 2 ** 20).toFixed(1)} MB; registry CSV (GBK) ${(statSync(csv).size / 2 ** 20).toFixed(1)} MB, XLSX ${(statSync(xlsx).size / 2 ** 20).toFixed(1)} MB`,
  );
  const median = <T extends Run>(fn: () => T): T => {
    const all = Array.from({ length: runs }, fn).sort((a, b) => a.wallS - b.wallS);
    return all[Math.floor(all.length / 2)]!;
  };
  const base = median(() => ours('none', csv));
  console.log(`\nnode + tsx + @gridatlas/api/formats loaded, nothing read: ${fmt(base)} (the "less start-up" figures subtract this)`);
  const cases = [
    // ogr2ogr -f <driver> <out> <in> [options]
    {
      label: 'buildings .zip (GK, GBK, no .cpg)',
      file: shpZip,
      out: join(work, 'gdal-buildings.geojson'),
      gdal: (out: string) => ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', out, `/vsizip/${shpZip}`],
    },
    {
      label: 'registry .csv (GBK)',
      file: csv,
      out: join(work, 'gdal-registry-csv.csv'),
      gdal: (out: string) => ['-f', 'CSV', out, csv, '-oo', 'ENCODING=CP936'],
    },
    { label: 'registry .xlsx', file: xlsx, out: join(work, 'gdal-registry-xlsx.csv'), gdal: (out: string) => ['-f', 'CSV', out, xlsx] },
  ];
  console.log(`\nmedian of ${runs} runs each`);
  console.log(
    '| file | features | ours: readLayer call | ours: process (less start-up) | ogr2ogr process | GDAL ÷ ours (call) | ours: inspectLayer call |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const c of cases) {
    const gdal = median(() => {
      rmSync(c.out, { force: true });
      return measured('ogr2ogr', c.gdal(c.out));
    });
    const read = median(() => ours('read', c.file));
    const inspect = median(() => ours('inspect', c.file));
    const less = `${(read.wallS - base.wallS).toFixed(2)} s, +${(read.maxRssMb - base.maxRssMb).toFixed(0)} MB`;
    console.log(
      `| ${c.label} | ${read.features} | ${(read.callMs / 1000).toFixed(2)} s | ${fmt(read)} (${less}) | ${fmt(gdal)} | ${(gdal.wallS / (read.callMs / 1000)).toFixed(2)} | ${(inspect.callMs / 1000).toFixed(2)} s |`,
    );
  }
}

async function makeInputs(seed: number, shpZip: string, csv: string, xlsx: string): Promise<void> {
  const t0 = performance.now();
  const district = generateDistrict({ seed, scale: 'lianhu' });
  const codeOf = (id: number, community: string) => `${community}-${String(id).padStart(5, '0')}`;
  const buildings = district.buildings.map((b) => ({
    type: 'Feature',
    geometry: b.footprint,
    properties: { 楼栋编码: codeOf(b.id, b.communityCode), 楼栋名称: b.name, 社区代码: b.communityCode, 层数: b.floors, 单元数: b.units },
  }));
  writeFileSync(join(work, 'buildings-src.geojson'), JSON.stringify({ type: 'FeatureCollection', features: buildings }));
  execFileSync('ogr2ogr', [
    '-f',
    'ESRI Shapefile',
    '-s_srs',
    'EPSG:4326',
    '-t_srs',
    'EPSG:4526',
    '-lco',
    'ENCODING=GBK',
    '-nln',
    'buildings',
    join(work, 'buildings.shp'),
    join(work, 'buildings-src.geojson'),
  ]);
  const parts = Object.fromEntries(['shp', 'shx', 'dbf', 'prj'].map((e) => [`buildings.${e}`, readFileSync(join(work, `buildings.${e}`))]));
  writeFileSync(shpZip, zipSync(parts));

  // One row per household: building code, unit, room, a synthetic household id, persons.
  const rows: Record<string, unknown>[] = [];
  let household = 0;
  for (const b of district.buildings) {
    const per = b.households > 0 ? b.persons / b.households : 0;
    for (let h = 0; h < b.households; h++) {
      household++;
      const persons = Math.max(1, Math.round(per * (h + 1)) - Math.round(per * h));
      rows.push({
        户编号: `H${String(household).padStart(7, '0')}`,
        楼栋编码: codeOf(b.id, b.communityCode),
        单元: 1 + (h % Math.max(1, b.units)),
        房号: `${1 + Math.floor(h / Math.max(1, b.units * 2))}0${1 + (h % 2)}`,
        人数: persons,
        登记日期: '2024-06-30',
      });
    }
  }
  const header = Object.keys(rows[0]!);
  const csvText = [header.join(','), ...rows.map((r) => header.map((k) => String(r[k])).join(','))].join('\n') + '\n';
  writeFileSync(csv, iconv.encode(csvText, 'gbk'));
  writeFileSync(xlsx, await writeXlsx(rows, { sheet: '实有人口' }));
  console.log(
    `inputs made in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${buildings.length} building footprints, ${rows.length} registry rows (one per household)`,
  );
}
