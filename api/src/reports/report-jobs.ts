/**
 * The `report.export` job: runs `exportReport` as the user who asked (read again at run time,
 * so a role or jurisdiction taken away meanwhile counts), stores the file as an upload (the
 * district exports' pattern) and leaves its name and link as the result. A refusal the
 * builders raise (403 outside the jurisdiction, 404 no such briefing or region) fails the job
 * with that code and message; a print failure as `print_<reason>` (`print_chromium_missing` …).
 */
import { loadUserById } from '../auth/session-user.js';
import { saveUpload } from '../districts/http/upload.store.js';
import { HttpError } from '../http/http-error.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { JobFailure } from '../jobs/job-runner.js';
import { PrintError, sharedRenderer } from '../print/index.js';
import { exportReport } from './export-report.js';
import { ReportRequestSchema, type ReportResult } from './reports.schemas.js';

export const REPORT_JOB_KIND = 'report.export';

export function registerReportJobs(runner: JobRunner): void {
  runner.register(REPORT_JOB_KIND, async (ctx) => {
    const request = ReportRequestSchema.parse(ctx.job.params.request);
    const user = await loadUserById(ctx.db, Number(ctx.job.params.userId));
    if (!user || !user.permissions.includes('reports.export')) {
      throw new JobFailure('forbidden', 'the account that asked for this report may no longer export reports');
    }
    try {
      const file = await exportReport(ctx.db, request, user, sharedRenderer(), (f, phase) => ctx.progress(f, phase));
      await ctx.progress(0.97, 'store');
      const stored = await saveUpload(ctx.db, { fileName: file.fileName, bytes: file.bytes, createdBy: ctx.job.createdBy });
      return {
        fileName: file.fileName,
        contentType: file.contentType,
        sizeBytes: file.bytes.byteLength,
        sections: file.document.sections.length,
        href: `/api/reports/${ctx.job.id}/file`,
        uploadId: stored.id,
      } satisfies ReportResult & { uploadId: string };
    } catch (error) {
      if (error instanceof HttpError) throw new JobFailure(error.code, error.message);
      if (error instanceof PrintError) throw new JobFailure(`print_${error.reason}`, error.message);
      throw error;
    }
  });
}
