/**
 * "Start a job, follow it, download its file": the one path every export button of the web app
 * takes (district layers, monthly reports, briefings). The start call answers `202 { job, href }`;
 * the job is polled for progress (and cancelled on the server when the signal aborts, see
 * `followJob`); its result names the file, which the browser then downloads from the API.
 */
import type { Job, JobAccepted } from '@gridatlas/api/contract';
import { requestJson } from './api-client';
import { followJob } from './follow-job';

/** What every file-writing job leaves as its result: the file's name and where to fetch it. */
export interface FileJobResult {
  fileName: string;
  href: string;
}

/** Saves a file the API serves as an attachment through the browser's download. */
export function downloadFile(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

const isFileJobResult = (r: unknown): r is FileJobResult =>
  typeof r === 'object' && r !== null && typeof (r as FileJobResult).href === 'string' && typeof (r as FileJobResult).fileName === 'string';

/**
 * Starts the job, follows it to its end reporting progress (0–1) and saves its file; resolves
 * with the job's whole result. Rejects with the job's error when it failed, with an Error when
 * it succeeded without a file, and with the abort reason when `signal` aborted (the job is then
 * cancelled on the server).
 */
export async function runFileJob<R extends FileJobResult>(
  start: () => Promise<JobAccepted>,
  signal: AbortSignal,
  onProgress: (share: number) => void,
  save: (href: string, fileName: string) => void = downloadFile,
): Promise<R> {
  const accepted = await start();
  if (signal.aborted) {
    // Cancelled while the job was being queued: it exists now, so stop it on the server too.
    void requestJson(`${accepted.href}/cancel`, { method: 'POST' }).catch(() => undefined);
    signal.throwIfAborted();
  }
  const result = await followJob<unknown>(accepted, signal, (job: Job) => onProgress(job.progress));
  if (!isFileJobResult(result)) throw new Error(`job ${accepted.job.id} finished without a file`);
  save(result.href, result.fileName);
  return result as R;
}
