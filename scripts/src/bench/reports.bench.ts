/**
 * `pnpm bench reports`: a 10-slide briefing exported as PDF (issue 17's target: ≤ 30 s) on the
 * embedded database with the default demo district — ours (one document: ten print maps from
 * PostGIS, one Chromium print) beside a baseline in the same run: each slide printed as its own
 * PDF (ten Chromium prints), the way a per-slide "print this view" would make the file. Also the
 * same briefing as PPTX (ten maps rasterised).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  closeSharedRenderer,
  exportReport,
  migrate,
  openDatabase,
  pageSetup,
  reportHtml,
  seedDistrict,
  sharedRenderer,
} from '@gridatlas/api';
import { generateDistrict } from '@gridatlas/data';
import { machineLine } from './machine.js';

const SLIDES = 10;

export async function benchReports(): Promise<void> {
  console.log(
    `machine: ${machineLine()}; load average ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const dataset = generateDistrict({ seed: 1, scale: 'default' });
  const district = dataset.regions.find((r) => r.level === 'district')!.code;
  const subdistricts = dataset.regions.filter((r) => r.level === 'subdistrict').map((r) => r.code);
  const dir = mkdtempSync(join(tmpdir(), 'gridatlas-reports-'));
  const db = await openDatabase({ dataDir: join(dir, 'db') });
  try {
    await migrate(db);
    await seedDistrict(db, dataset);
    const end = dataset.referenceDate;
    const month = (k: number): { from: string; to: string } => {
      const d = new Date(`${end.slice(0, 7)}-01T00:00:00Z`);
      const from = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - k - 1, 1)).toISOString().slice(0, 10);
      const to = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - k, 1)).toISOString().slice(0, 10);
      return { from, to };
    };
    const briefing = await db.query<{ id: string }>(
      `INSERT INTO briefings (district_code, region_code, title, pinned_as_of, created_by, updated_by) VALUES ($1, $2, '十页例会', $3, 'bench', 'bench') RETURNING id`,
      [district, district, end],
    );
    const id = Number(briefing.rows[0]!.id);
    for (let k = 0; k < SLIDES; k++) {
      const region = k % 2 === 0 ? district : subdistricts[k % subdistricts.length]!;
      const view = {
        map: 'analyst',
        regionCode: region,
        layer: 'choropleth',
        metric: 'perThousand',
        period: month(k % 3),
        categories: [],
        specialCategory: '',
        deadCornerDays: 14,
        trackDate: end,
        camera: { center: [0, 0], zoom: 12, bearing: 0, pitch: 0 },
      };
      await db.query(
        `INSERT INTO briefing_slides (district_code, briefing_id, position, title, note, view) VALUES ($1, $2, $3, $4, '说明', $5)`,
        [district, id, k, `第 ${k + 1} 页`, JSON.stringify(view)],
      );
    }
    const user = { username: 'bench', permissions: ['reports.export', 'dashboard.read'], jurisdictions: [district] };
    const renderer = sharedRenderer();
    // One warm-up export so Chromium's launch is not in either figure.
    await exportReport(db, { kind: 'briefing', briefingId: id, format: 'pdf', lang: 'zh' }, user, renderer);
    let t = performance.now();
    const ours = await exportReport(db, { kind: 'briefing', briefingId: id, format: 'pdf', lang: 'zh' }, user, renderer);
    const oursMs = performance.now() - t;
    t = performance.now();
    const pptx = await exportReport(db, { kind: 'briefing', briefingId: id, format: 'pptx', lang: 'zh' }, user, renderer);
    const pptxMs = performance.now() - t;
    // Baseline: the same ten slides, each its own document and its own Chromium print.
    t = performance.now();
    for (const section of ours.document.sections) {
      await renderer.pdf(reportHtml({ ...ours.document, sections: [section] }), pageSetup({ size: 'a4' }));
    }
    const renderOnlyBaselineMs = performance.now() - t;
    console.log(
      `10-slide briefing → PDF (${(ours.bytes.byteLength / 1024).toFixed(0)} KiB): ${(oursMs / 1000).toFixed(1)} s (target ≤ 30 s)`,
    );
    console.log(
      `  baseline, ten separate prints of the same slides (maps already built): ${(renderOnlyBaselineMs / 1000).toFixed(1)} s; ours ÷ baseline = ${(oursMs / renderOnlyBaselineMs).toFixed(2)}`,
    );
    console.log(
      `10-slide briefing → PPTX (${(pptx.bytes.byteLength / 1024).toFixed(0)} KiB, ten maps rasterised at 2×): ${(pptxMs / 1000).toFixed(1)} s`,
    );
  } finally {
    await closeSharedRenderer();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
