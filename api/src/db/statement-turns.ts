/**
 * Turns on the embedded database: PGlite runs one statement (or one transaction) at a time, so
 * the adapter hands out turns itself, first come first served, to know when each piece of work
 * really starts. A turn asked for under a deadline is refused with `TimeLimitError` when the
 * deadline passes before the turn comes: a request queued behind a long job statement answers
 * "try a job / a narrower period" at its deadline instead of waiting for the statement to end.
 */
import { TimeLimitError, type StatementLimits } from './time-limit.js';

interface Waiter {
  start(): void;
  timer?: NodeJS.Timeout;
}

export interface StatementTurns {
  /** Runs `work` when its turn comes; refuses it when `limits.deadline` passes first. */
  run<T>(work: () => Promise<T>, limits?: StatementLimits): Promise<T>;
}

export function createStatementTurns(): StatementTurns {
  const queue: Waiter[] = [];
  let busy = false;

  function next(): void {
    const waiter = queue.shift();
    if (!waiter) {
      busy = false;
      return;
    }
    if (waiter.timer) clearTimeout(waiter.timer);
    waiter.start();
  }

  return {
    run<T>(work: () => Promise<T>, limits?: StatementLimits): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = (): void => {
          busy = true;
          if (limits?.deadline !== undefined && Date.now() >= limits.deadline) {
            reject(new TimeLimitError(limits.limitMs ?? 0, 'deadline'));
            next();
            return;
          }
          work().then(resolve, reject).finally(next);
        };
        if (!busy && queue.length === 0) {
          start();
          return;
        }
        const waiter: Waiter = { start };
        if (limits?.deadline !== undefined) {
          waiter.timer = setTimeout(
            () => {
              const at = queue.indexOf(waiter);
              if (at < 0) return;
              queue.splice(at, 1);
              reject(new TimeLimitError(limits.limitMs ?? 0, 'deadline'));
            },
            Math.max(0, limits.deadline - Date.now()),
          );
        }
        queue.push(waiter);
      });
    },
  };
}
