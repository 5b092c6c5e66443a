/**
 * `gridatlas report`: the monthly report of a region as PDF or PPTX, without a browser
 * session (monthly reports are made on a schedule). The figures are the dashboard's
 * (`dashboardFigures`), the file is the one `POST /api/reports` makes. It runs as an operator
 * whose jurisdiction is the region's district; special-group aggregates (suppressed) are in
 * only with `--special-groups`, since whoever receives the file may not be entitled to them.
 * Exit codes: 0 written; 1 the report could not be made (Chromium missing, no such region);
 * 2 bad options.
 */
import { writeFile } from 'node:fs/promises';
import { closeSharedRenderer, exportReport, migrate, openDatabase, ReportRequestSchema, sharedRenderer } from '@gridatlas/api';
import { UsageError, type Command } from './command.js';
import { databaseOptions, databaseTarget } from './database-options.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'write the monthly report of a region (PDF: A4 with maps, tables, charts; PPTX: 16:9 slides)',
  usage: 'pnpm gridatlas report --region <code> --period <YYYY-MM> --format pdf|pptx --out <file> [--lang zh|en] [--special-groups]',
  options: {
    region: { type: 'string', valueName: 'code', description: 'district (6 digits), subdistrict (9) or community (12) code' },
    period: { type: 'string', valueName: 'YYYY-MM', description: 'the month' },
    format: { type: 'string', valueName: 'pdf|pptx', description: 'file format' },
    out: { type: 'string', short: 'o', valueName: 'file', description: 'file to write' },
    lang: { type: 'string', valueName: 'zh|en', description: 'language of the report', default: 'zh' },
    'special-groups': { type: 'boolean', description: 'include the special groups’ visit aggregates (suppressed small counts)' },
    ...databaseOptions,
  },
  async run({ values, out, err }) {
    const region = values.region as string | undefined;
    const period = values.period as string | undefined;
    const file = values.out as string | undefined;
    if (!region || !period || !values.format || !file) throw new UsageError('report needs --region, --period, --format and --out');
    const parsed = ReportRequestSchema.safeParse({ kind: 'monthly', region, period, format: values.format, lang: values.lang ?? 'zh' });
    if (!parsed.success) {
      throw new UsageError(parsed.error.issues.map((i) => `--${String(i.path[0] ?? 'option')}: ${i.message}`).join('; '));
    }
    const permissions = ['reports.export', 'dashboard.read', ...(values['special-groups'] === true ? ['special_groups.aggregate'] : [])];
    const operator = { username: 'gridatlas-cli', permissions, jurisdictions: [region.slice(0, 6)] };
    const t0 = performance.now();
    const db = await openDatabase(databaseTarget(values));
    try {
      await migrate(db);
      let last = '';
      const report = await exportReport(db, parsed.data, operator, sharedRenderer(), async (f, phase) => {
        if (phase !== last) err(`  ${phase}… ${Math.round(f * 100)}%`);
        last = phase;
      });
      await writeFile(file, report.bytes);
      out(
        `wrote ${file}: ${report.document.title} ${report.document.period} (${report.document.sections.length} sections, ${(report.bytes.byteLength / 1024).toFixed(0)} KiB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      return 0;
    } catch (error) {
      const e = error as { status?: number; message?: string; reason?: string };
      if (typeof e.status === 'number' || typeof e.reason === 'string') throw new UsageError(e.message ?? String(error), 1);
      throw error;
    } finally {
      await closeSharedRenderer();
      await db.close();
    }
  },
};
