/** Reports (issue 17): a monthly report of a region or a briefing as PDF/PPTX, for the API's job and the CLI. */
export { exportReport, type ExportedReport } from './export-report.js';
export { reportHtml } from './report-html.js';
export { ReportRequestSchema, type ReportRequest, type ReportRequestParsed, type ReportResult } from './reports.schemas.js';
export type { ReportDocument } from './report-document.js';
