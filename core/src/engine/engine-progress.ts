/**
 * Progress and cancellation for long engine runs. The runs are synchronous, so a signal is
 * seen at the checkpoints between steps: it stops a run aborted from inside `onProgress`
 * (a deadline, a flag in a SharedArrayBuffer) or between communities of a caller's loop. A
 * web worker that must stop at once still terminates itself.
 */

/** Where a run is: `phase` names the step, `done` of `total` its pieces. */
export interface EngineProgress {
  /** `units`, `partition`, `repair`, `search`, `outline` (divide); `rebalance`, `outline` (rebalance). */
  phase: string;
  done: number;
  total: number;
}

export interface EngineRunOptions {
  /** Called at each checkpoint of a long run. */
  onProgress?: (p: EngineProgress) => void;
  /** Aborting it makes the run throw an Error named `AbortError` at its next checkpoint. */
  signal?: AbortSignal;
}

/** The error an aborted run throws (`name === 'AbortError'`, as `fetch` uses). */
export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  const error = new Error(reason instanceof Error ? reason.message : 'engine run aborted', { cause: reason });
  error.name = 'AbortError';
  return error;
}

/** Throws when aborted, then reports progress. */
export function checkpoint(run: EngineRunOptions | undefined, phase: string, done: number, total: number): void {
  if (!run) return;
  if (run.signal?.aborted) throw abortError(run.signal);
  run.onProgress?.({ phase, done, total });
  // A handler may abort synchronously (a deadline): stop here rather than one step later.
  if (run.signal?.aborted) throw abortError(run.signal);
}

/** Throws when aborted, without reporting (for tight inner loops). */
export function throwIfAborted(run: EngineRunOptions | undefined): void {
  if (run?.signal?.aborted) throw abortError(run.signal);
}
