/// <reference lib="webworker" />
/** The engine's web worker: runs one job per request and posts progress, then the result or the error. */
import { serveWorker } from '../worker/worker-serve';
import type { EngineJob, EngineOutcome, EngineProgress } from './engine.protocol';
import { runJob } from './engine-jobs';

serveWorker<EngineJob, EngineOutcome, EngineProgress>(self as unknown as DedicatedWorkerGlobalScope, (job, progress) => ({
  result: runJob(job, progress),
}));
