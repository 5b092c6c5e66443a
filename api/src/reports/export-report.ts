/**
 * One report from request to file, shared by the API's job and the CLI: build the document
 * (monthly or briefing), render it (PDF or PPTX). Progress: 0–0.6 building, 0.6–1 rendering.
 */
import type { Db } from '../db/db.types.js';
import type { SessionUser } from '../auth/session-user.js';
import type { HtmlRenderer } from '../print/index.js';
import { buildBriefingReport } from './briefing-report.js';
import { buildMonthlyReport } from './monthly-report.js';
import type { ReportDocument } from './report-document.js';
import { renderReport, type ReportFile } from './render-report.js';
import type { ReportRequestParsed } from './reports.schemas.js';

export interface ExportedReport extends ReportFile {
  document: ReportDocument;
}

export async function exportReport(
  db: Db,
  request: ReportRequestParsed,
  user: Pick<SessionUser, 'username' | 'permissions' | 'jurisdictions'>,
  renderer: HtmlRenderer,
  progress: (fraction: number, phase: string) => Promise<void> = async () => {},
): Promise<ExportedReport> {
  const document =
    request.kind === 'monthly'
      ? await buildMonthlyReport(db, { user, region: request.region, period: request.period, lang: request.lang, progress })
      : await buildBriefingReport(db, { user, briefingId: request.briefingId!, lang: request.lang, progress });
  await progress(0.6, 'render');
  const file = await renderReport(document, request.format, renderer, (f) => progress(0.6 + 0.35 * f, 'render'));
  return { ...file, document };
}
