/**
 * The planner's handle on the engine worker: `runEngine` posts a job and resolves with its
 * outcome, reporting progress on the way. Cancelling terminates the worker (a synchronous
 * partition cannot be interrupted otherwise) and rejects with `WorkerCancelled`; the next job
 * starts a fresh one. The calls go through the app's one worker client (../worker).
 */
import { createWorkerClient } from '../worker/worker-client';
import type { EngineJob, EngineOutcome, EngineProgress } from './engine.protocol';

export interface EngineRun {
  outcome: Promise<EngineOutcome>;
  cancel(): void;
}

const engine = createWorkerClient<EngineJob, EngineOutcome, EngineProgress>(
  () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'gridatlas-engine' }),
  { cancel: 'terminate', name: 'engine' },
);

export function runEngine(job: EngineJob, onProgress: (p: EngineProgress) => void): EngineRun {
  const abort = new AbortController();
  return { outcome: engine.call(job, { signal: abort.signal, onProgress }), cancel: () => abort.abort() };
}
