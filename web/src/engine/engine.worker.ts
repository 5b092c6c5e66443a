/// <reference lib="webworker" />
/** The engine's web worker: runs one job per request and posts progress, then the result or the error. */
import type { EngineRequest, EngineResponse } from './engine.protocol';
import { runJob } from './engine-jobs';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: EngineResponse) => scope.postMessage(message);

scope.onmessage = (event: MessageEvent<EngineRequest>) => {
  const { id, job } = event.data;
  try {
    const outcome = runJob(job, (progress) => post({ id, type: 'progress', progress }));
    post({ id, type: 'result', outcome });
  } catch (error) {
    post({ id, type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
