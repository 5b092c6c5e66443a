/**
 * The worker side of worker-client.ts: runs `handle` for each request and posts its progress,
 * then its result (transferring the buffers it names) or its error message.
 */
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

/** What a job handler returns: the result and the buffers to transfer with it. */
export interface Handled<Result> {
  result: Result;
  transfer?: Transferable[];
}

/** The part of a worker's global scope used here (a `MessagePort` also fits, which tests use). */
export interface WorkerScopeLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export function serveWorker<Job, Result, Progress = never>(
  scope: WorkerScopeLike,
  handle: (job: Job, progress: (p: Progress) => void) => Handled<Result> | Promise<Handled<Result>>,
): void {
  const post = (message: WorkerResponse<Result, Progress>, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
  scope.onmessage = async (event: MessageEvent<WorkerRequest<Job>>) => {
    const { id, job } = event.data;
    try {
      const { result, transfer } = await handle(job, (progress) => post({ id, type: 'progress', progress }));
      post({ id, type: 'result', result }, transfer);
    } catch (error) {
      post({ id, type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
}
