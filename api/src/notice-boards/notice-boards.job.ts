/**
 * The `notice-boards.render` job: prints a community's (or a grid's) boards with progress,
 * stores the PDF as an upload (kept a day, like district exports) and leaves its link as the
 * job's result. A code that names nothing fails the job as `invalid_input`; Chromium missing
 * or too slow as `print_failed`, with the renderer's message.
 */
import { saveUpload } from '../districts/http/upload.store.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { JobFailure } from '../jobs/job-runner.js';
import { PrintError } from '../print/print-error.js';
import type { PaperSize } from '../print/page-setup.js';
import type { NoticeBoardLang } from './notice-board.messages.js';
import { NoticeBoardRegionError } from './notice-board.sql.js';
import type { NoticeBoardsJobResult } from './notice-boards.schemas.js';
import { renderNoticeBoards } from './notice-boards.pdf.js';

export const NOTICE_BOARDS_JOB_KIND = 'notice-boards.render';

export interface NoticeBoardsJobParams {
  region: string;
  size: PaperSize;
  /** Absent in jobs queued before boards had languages: zh. */
  lang?: NoticeBoardLang;
  serviceHours?: string;
  baseUrl: string;
}

export function registerNoticeBoardsJob(runner: JobRunner): void {
  runner.register(NOTICE_BOARDS_JOB_KIND, async (ctx) => {
    const p = ctx.job.params as unknown as NoticeBoardsJobParams;
    let result;
    try {
      result = await renderNoticeBoards(ctx.db, {
        region: p.region,
        size: p.size,
        lang: p.lang ?? 'zh',
        baseUrl: p.baseUrl,
        ...(p.serviceHours ? { serviceHours: p.serviceHours } : {}),
        signal: ctx.signal,
        progress: (f, phase) => ctx.progress(f, phase),
      });
    } catch (error) {
      if (error instanceof NoticeBoardRegionError) throw new JobFailure('invalid_input', error.message);
      if (error instanceof PrintError) throw new JobFailure('print_failed', error.message);
      throw error;
    }
    const stored = await saveUpload(ctx.db, { fileName: result.fileName, bytes: result.bytes, createdBy: ctx.job.createdBy });
    return {
      fileName: result.fileName,
      contentType: 'application/pdf',
      sizeBytes: result.bytes.byteLength,
      pages: result.gridCodes.length,
      gridCodes: result.gridCodes,
      gridsWithoutStaff: result.gridsWithoutStaff,
      staffWithoutPhone: result.staffWithoutPhone,
      uploadId: stored.id,
      href: `/api/reports/notice-boards/${ctx.job.id}/file`,
    } satisfies NoticeBoardsJobResult;
  });
}
