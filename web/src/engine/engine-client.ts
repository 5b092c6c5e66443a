/**
 * The planner's handle on the engine worker: `runEngine` posts a job and resolves with its
 * outcome, reporting progress on the way. Cancelling terminates the worker (a synchronous
 * partition cannot be interrupted otherwise); the next job starts a fresh one.
 */
import type { EngineJob, EngineOutcome, EngineProgress, EngineResponse } from './engine.protocol';

export interface EngineRun {
  outcome: Promise<EngineOutcome>;
  cancel(): void;
}

/** The rejection of a cancelled run. */
export class EngineCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'EngineCancelled';
  }
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve(o: EngineOutcome): void; reject(e: Error): void; progress(p: EngineProgress): void }>();

function engineWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'gridatlas-engine' });
  created.onmessage = (event: MessageEvent<EngineResponse>) => {
    const message = event.data;
    const job = pending.get(message.id);
    if (!job) return;
    if (message.type === 'progress') return job.progress(message.progress);
    pending.delete(message.id);
    if (message.type === 'result') job.resolve(message.outcome);
    else job.reject(new Error(message.message));
  };
  created.onerror = (event) => {
    event.preventDefault();
    failAll(new Error(event.message || 'the engine worker failed'));
  };
  worker = created;
  return created;
}

function failAll(error: Error): void {
  worker?.terminate();
  worker = null;
  for (const job of pending.values()) job.reject(error);
  pending.clear();
}

export function runEngine(job: EngineJob, onProgress: (p: EngineProgress) => void): EngineRun {
  const id = nextId++;
  const outcome = new Promise<EngineOutcome>((resolve, reject) => {
    pending.set(id, { resolve, reject, progress: onProgress });
  });
  try {
    engineWorker().postMessage({ id, job });
  } catch (error) {
    pending.get(id)?.reject(error instanceof Error ? error : new Error(String(error)));
    pending.delete(id);
  }
  return {
    outcome,
    cancel() {
      if (pending.has(id)) failAll(new EngineCancelled());
    },
  };
}
