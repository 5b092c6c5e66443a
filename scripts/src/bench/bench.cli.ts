/** `pnpm bench <name>`: runs one benchmark; each prints its machine and side-by-side figures. */
import { benchStart } from './start.bench.js';
import { benchSeed } from './seed.bench.js';
import { benchLoad } from './load.bench.js';
import { benchPlanner } from './planner.bench.js';
import { benchEngine } from './engine.bench.js';
import { benchAnalytics } from './analytics.bench.js';
import { benchHeatmap } from './heatmap.bench.js';
import { benchBlocks } from './blocks.bench.js';
import { benchImport } from './import.bench.js';
import { benchFormats } from './formats.bench.js';
import { benchGeometry } from './geometry.bench.js';
import { benchCoverageJob } from './coverage-job.bench.js';
import { benchSoak } from './soak.bench.js';
import { benchDashboard } from './dashboard.bench.js';
import { benchReports } from './reports.bench.js';
import { benchIncidents } from './incidents.bench.js';

const benches: Record<string, { summary: string; run: (args: string[]) => Promise<void> }> = {
  start: { summary: 'cold and warm start of the server on the embedded database', run: benchStart },
  load: { summary: 'HTTP load (autocannon) on real PostGIS: realistic mix vs GET /api/health, 16 and 64 connections', run: benchLoad },
  seed: { summary: 'full-district (lianhu) seed on embedded and real PostGIS, batched vs row-by-row', run: benchSeed },
  engine: {
    summary:
      'auto-delineation of every community (lianhu) vs greedy region growing and the approved plan; rebalance vs a re-run; --real: census units, messy variants and Wuhan vs the engine at 57fafe1 and greedy, checked in PostGIS; --exact [--time-limit S]: could an exact step (HiGHS) make one grid fewer',
    run: benchEngine,
  },
  analytics: {
    summary:
      'incident hexbins, per-grid counts and tiles (lianhu, 1M incidents, 10M track points) on real PostGIS at concurrency 1 and 8, beside the raw SQL',
    run: benchAnalytics,
  },
  heatmap: {
    summary: 'analyst heatmap pan frame times in headless Chromium at demo, Lianhu-year and route-cap volumes vs MapLibre alone',
    run: benchHeatmap,
  },
  blocks: {
    summary: 'street blocks from real networks (Wuhan, Shanghai) and the demo district: ours vs the pre-issue-13 code, JSTS and PostGIS',
    run: benchBlocks,
  },
  import: {
    summary:
      'a Lianhu-scale district (134 communities, ~5,800 buildings, ~250,000 registry rows) imported layer by layer on embedded and real PostGIS',
    run: benchImport,
  },
  formats: {
    summary: 'reading a Lianhu-scale GK GBK buildings shapefile and a 250,000-row registry (CSV, XLSX) with readLayer vs ogr2ogr',
    run: benchFormats,
  },
  geometry: {
    summary:
      'repair of the real Wuhan (and Zhengzhou) district boundaries, as given and from GCJ-02, by the normalising step: ours vs the previous JSTS path, which never finished 洪山区 and 青山区',
    run: benchGeometry,
  },
  'coverage-job': {
    summary:
      'short requests (p95) while patrol coverage of a month not worked out is computed on the embedded database: in the request (old) vs as a job',
    run: benchCoverageJob,
  },
  soak: {
    summary:
      'a working day of paced mixed load (planners saving, analysts reading, imports, coverage jobs) for --minutes 30 on the embedded database and PostgreSQL with a graceful restart half way: errors, p95 per route before vs after, server RSS drift',
    run: benchSoak,
  },
  dashboard: {
    summary:
      'GET /api/dashboard of the Lianhu-scale district (district, subdistrict, community) on embedded and real PostGIS, warm and cold p95, beside the analyst routes the web would otherwise call',
    run: benchDashboard,
  },
  reports: {
    summary: 'a 10-slide briefing exported as PDF (target ≤ 30 s) and PPTX on the embedded database, beside ten separate per-slide prints',
    run: benchReports,
  },
  incidents: {
    summary:
      "the dispatcher's incident list and map (issue 18) for the Lianhu-scale district with a year of incidents on embedded and real PostGIS, warm p95, beside the analyst's incident points layer",
    run: benchIncidents,
  },
  planner: {
    summary: 'grid metrics and plan validation (lianhu) vs a naive Turf point-in-polygon loop over all buildings',
    run: benchPlanner,
  },
};

const [name, ...args] = process.argv.slice(2);
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.log('usage: pnpm bench <name>\n\nbenchmarks:');
  for (const [key, b] of Object.entries(benches)) console.log(`  ${key.padEnd(10)} ${b.summary}`);
  process.exit(name ? 2 : 0);
}
await bench.run(args);
