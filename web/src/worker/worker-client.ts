/**
 * The one way the app calls a web worker: `call(job)` posts `{ id, job }` (transferring what
 * it is told to), resolves with that id's result, reports its progress, and rejects with the
 * worker's error message. The worker is started on the first call and kept for the next.
 *
 * Cancelling (an aborted `signal`) rejects with `WorkerCancelled`. A worker whose jobs are
 * synchronous cannot be interrupted, so `cancel: 'terminate'` ends it (failing every call
 * in flight) and the next call starts a fresh one; `cancel: 'ignore'` only drops that call's
 * answer and lets the worker finish.
 */
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

/** The part of `Worker` the client uses (a `MessagePort` also fits, which tests use). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror?: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** The rejection of a cancelled call. */
export class WorkerCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'WorkerCancelled';
  }
}

export interface WorkerCallOptions<Progress> {
  /** Buffers handed to the worker instead of copied (they are unusable here afterwards). */
  transfer?: Transferable[];
  signal?: AbortSignal | undefined;
  onProgress?: (progress: Progress) => void;
}

export interface WorkerClient<Job, Result, Progress> {
  call(job: Job, options?: WorkerCallOptions<Progress>): Promise<Result>;
  /** Ends the worker; calls in flight reject with `WorkerCancelled`. */
  terminate(): void;
}

export interface WorkerClientOptions {
  /** What cancelling a call does: end the worker, or only drop the call's answer. */
  cancel: 'terminate' | 'ignore';
  /** Names the worker in the error of a crash ("the engine worker failed"). */
  name: string;
}

interface Pending<Result, Progress> {
  resolve(result: Result): void;
  reject(error: Error): void;
  progress?: ((progress: Progress) => void) | undefined;
}

export function createWorkerClient<Job, Result, Progress = never>(
  spawn: () => WorkerLike,
  options: WorkerClientOptions,
): WorkerClient<Job, Result, Progress> {
  let worker: WorkerLike | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending<Result, Progress>>();

  const failAll = (error: Error) => {
    worker?.terminate();
    worker = null;
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.reject(error);
  };

  const started = (): WorkerLike => {
    if (worker) return worker;
    const created = spawn();
    created.onmessage = (event: MessageEvent<WorkerResponse<Result, Progress>>) => {
      const message = event.data;
      const call = pending.get(message.id);
      if (!call) return;
      if (message.type === 'progress') return call.progress?.(message.progress);
      pending.delete(message.id);
      if (message.type === 'result') call.resolve(message.result);
      else call.reject(new Error(message.message));
    };
    created.onerror = (event) => {
      // Handled here: every call in flight is told, and the next call starts a fresh worker.
      event.preventDefault();
      failAll(new Error(event.message || `the ${options.name} worker failed`));
    };
    worker = created;
    return created;
  };

  return {
    call(job, { transfer = [], signal, onProgress } = {}) {
      if (signal?.aborted) return Promise.reject(new WorkerCancelled());
      const id = nextId++;
      return new Promise<Result>((resolve, reject) => {
        const onAbort = () => {
          if (!pending.has(id)) return;
          if (options.cancel === 'terminate') return failAll(new WorkerCancelled());
          pending.delete(id);
          reject(new WorkerCancelled());
        };
        const settle = () => signal?.removeEventListener('abort', onAbort);
        pending.set(id, {
          resolve: (r) => (settle(), resolve(r)),
          reject: (e) => (settle(), reject(e)),
          progress: onProgress,
        });
        signal?.addEventListener('abort', onAbort);
        try {
          started().postMessage({ id, job } satisfies WorkerRequest<Job>, transfer);
        } catch (error) {
          pending.delete(id);
          settle();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
    terminate: () => failAll(new WorkerCancelled()),
  };
}
