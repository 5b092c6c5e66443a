/**
 * The jobs behind `/api/districts`: `district.create`, `district.import` (dry runs too: a big
 * layer's checks take a while) and `district.export`. Each reads its upload, runs with the
 * job's progress and cancel, and leaves its report (or file) as the job's result. Rows
 * rejected without `allowRejected` fail the job as `rejected_rows` with the report as result;
 * an unreadable file fails it as `invalid_input`.
 */
import { ImportError } from '../../import/import.types.js';
import type { JobContext, JobRunner } from '../../jobs/job-runner.js';
import { JobFailure } from '../../jobs/job-runner.js';
import { exportDistrictLayer, type ExportOptions } from '../export/export-layer.js';
import { createDistrict, type CreateDistrictOptions } from '../import/create-district.js';
import { importDistrictLayer } from '../import/district-import.js';
import type { DistrictImportOptions } from '../import/district-import.types.js';
import type { LayerReport } from '../import/import-report.js';
import { saveUpload, uploadContent } from './upload.store.js';

export const DISTRICT_JOB_KINDS = { create: 'district.create', import: 'district.import', export: 'district.export' } as const;

async function input(ctx: JobContext): Promise<{ name: string; bytes: Uint8Array }> {
  const id = String(ctx.job.params.uploadId ?? '');
  const upload = await uploadContent(ctx.db, id);
  if (!upload) throw new JobFailure('invalid_input', 'the uploaded file is gone (uploads are kept a day): upload it again');
  return { name: upload.fileName, bytes: upload.bytes };
}

function outcome(report: LayerReport): LayerReport {
  if (report.rejected > 0 && !report.written && !report.dryRun) {
    throw new JobFailure(
      'rejected_rows',
      `${report.rejected} of ${report.read} rows were rejected: nothing was written (see the report; allowRejected writes the rest)`,
      report,
    );
  }
  return report;
}

async function readable<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ImportError) throw new JobFailure('invalid_input', error.message);
    throw error;
  }
}

export function registerDistrictJobs(runner: JobRunner): void {
  runner.register(DISTRICT_JOB_KINDS.import, async (ctx) => {
    const options = ctx.job.params.options as DistrictImportOptions;
    const file = await input(ctx);
    const report = await readable(() =>
      importDistrictLayer(
        ctx.db,
        file,
        { ...options, jobId: ctx.job.id, ...(ctx.job.createdBy ? { importedBy: ctx.job.createdBy } : {}) },
        { signal: ctx.signal, progress: (f, phase) => ctx.progress(f, phase) },
      ),
    );
    return outcome(report);
  });
  runner.register(DISTRICT_JOB_KINDS.create, async (ctx) => {
    const options = ctx.job.params.options as CreateDistrictOptions;
    const file = await input(ctx);
    await ctx.progress(0.1, 'read');
    const report = await readable(() =>
      createDistrict(ctx.db, file, { ...options, ...(ctx.job.createdBy ? { createdBy: ctx.job.createdBy } : {}) }),
    );
    return outcome(report);
  });
  runner.register(DISTRICT_JOB_KINDS.export, async (ctx) => {
    const options = ctx.job.params.options as ExportOptions;
    await ctx.progress(0.1, 'export');
    const file = await readable(() => exportDistrictLayer(ctx.db, options));
    await ctx.progress(0.9, 'store');
    const stored = await saveUpload(ctx.db, { fileName: file.fileName, bytes: file.bytes, createdBy: ctx.job.createdBy });
    return {
      fileName: file.fileName,
      contentType: file.contentType,
      sizeBytes: file.bytes.byteLength,
      features: file.features,
      uploadId: stored.id,
      href: `/api/districts/${options.districtCode}/exports/${ctx.job.id}/file`,
    };
  });
}
