/**
 * Turns on the embedded database: PGlite runs one statement (or one transaction) at a time, so
 * the adapter hands out turns itself and decides who goes next (issue 15).
 *
 * Order. Work is of three classes (work-class.ts, from where it runs): `interactive` (requests),
 * `job` (the job runner) and `background` (the first-start warm-up).
 *  - Requests: clients take turns round robin — one user's 16 parallel layer requests get one
 *    turn, then another user's `/api/auth/me` gets one — and each client's own work goes in the
 *    order it asked.
 *  - Jobs against requests, first come first served: a job's statement waits for the request
 *    statements asked before it and goes ahead of those asked after it. A job has one statement
 *    waiting at a time, so a request statement waits for at most one statement of each running
 *    job, and a job goes on under a steady stream of requests. Requests first with a job let
 *    through every 200 ms starved the job without helping the requests: when requests never
 *    pause they wait for each other, not for the job (BENCHMARKS.md, "Short requests during a
 *    coverage job"). Jobs go first come first served among themselves.
 *  - Background work goes when no request or job waits, first come first served.
 *
 * Anti-starvation. Background work would never run while requests keep coming, so a background
 * turn that has waited `maxWaitMs` (or seen `maxTurnsAhead` turns go by) goes next: it always
 * gets a turn at least every `maxWaitMs` plus the length of the statement under way, and a
 * request waits at most about one background statement per `maxWaitMs` of its own.
 *
 * Deadlines. A turn asked for under a deadline is refused with `TimeLimitError` when the deadline
 * passes before the turn comes (a timer, whatever the queue's order): a request queued behind
 * long work answers "try again / a narrower period" at its deadline instead of waiting.
 */
import { currentWork, type WorkClass } from './work-class.js';
import { TimeLimitError, type StatementLimits } from './time-limit.js';

interface Waiter {
  start(): void;
  readonly class: WorkClass;
  readonly client: string;
  /** When it began waiting (performance.now(), ms). */
  readonly since: number;
  /** The number of turns handed out when it began waiting. */
  readonly turnAt: number;
  /** Its place in the order of asking (every waiter's is larger than those asked before it). */
  readonly asked: number;
  timer?: NodeJS.Timeout;
}

export interface StatementTurnsOptions {
  /** A background turn that has waited this long goes next (ms; default 200). */
  maxWaitMs?: number;
  /** … or once this many turns went to others while it waited (default 64). */
  maxTurnsAhead?: number;
  /**
   * `fifo`: every turn first come first served whatever its class, as before issue 15's
   * turns (`GRIDATLAS_EMBEDDED_TURNS=fifo`, for comparison); default `priority`: requests round
   * robin, jobs first come first served against them, background work after both.
   */
  order?: TurnOrder;
}

export type TurnOrder = 'priority' | 'fifo';

/** Turns waiting, per class: for logs, health and tests. */
export interface TurnsSnapshot {
  busy: boolean;
  waiting: Record<WorkClass, number>;
  /** Interactive clients with turns waiting. */
  clients: number;
}

export interface StatementTurns {
  /** Runs `work` when its turn comes (as the current work class, work-class.ts); refuses it when `limits.deadline` passes first. */
  run<T>(work: () => Promise<T>, limits?: StatementLimits): Promise<T>;
  snapshot(): TurnsSnapshot;
}

export const DEFAULT_MAX_WAIT_MS = 200;
export const DEFAULT_MAX_TURNS_AHEAD = 64;

export function createStatementTurns(options: StatementTurnsOptions = {}): StatementTurns {
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const maxTurnsAhead = options.maxTurnsAhead ?? DEFAULT_MAX_TURNS_AHEAD;
  const fifo = options.order === 'fifo';
  /** Interactive waiters per client; the Map's order is the round robin's (the next client first). */
  const interactive = new Map<string, Waiter[]>();
  let interactiveCount = 0;
  const jobs: Waiter[] = [];
  const background: Waiter[] = [];
  let busy = false;
  let turns = 0;
  let asked = 0;

  const starving = (w: Waiter | undefined, now: number): boolean =>
    w !== undefined && (now - w.since >= maxWaitMs || turns - w.turnAt >= maxTurnsAhead);

  function takeInteractive(): Waiter | undefined {
    for (const [client, queue] of interactive) {
      const waiter = queue.shift()!;
      interactiveCount--;
      // To the back of the round robin if it has more waiting.
      interactive.delete(client);
      if (queue.length > 0) interactive.set(client, queue);
      return waiter;
    }
    return undefined;
  }

  /** A request statement asked before `w` still waits (each client's oldest is the head of its queue). */
  function requestAskedBefore(w: Waiter): boolean {
    for (const queue of interactive.values()) if (queue[0]!.asked < w.asked) return true;
    return false;
  }

  function take(): Waiter | undefined {
    if (starving(background[0], performance.now())) return background.shift();
    if (jobs.length > 0 && !requestAskedBefore(jobs[0]!)) return jobs.shift();
    return takeInteractive() ?? jobs.shift() ?? background.shift();
  }

  function remove(waiter: Waiter): boolean {
    if (waiter.class === 'interactive') {
      const queue = interactive.get(waiter.client);
      const at = queue ? queue.indexOf(waiter) : -1;
      if (at < 0) return false;
      queue!.splice(at, 1);
      interactiveCount--;
      if (queue!.length === 0) interactive.delete(waiter.client);
      return true;
    }
    const queue = waiter.class === 'job' ? jobs : background;
    const at = queue.indexOf(waiter);
    if (at < 0) return false;
    queue.splice(at, 1);
    return true;
  }

  function enqueue(waiter: Waiter): void {
    if (waiter.class === 'interactive') {
      const queue = interactive.get(waiter.client);
      if (queue) queue.push(waiter);
      else interactive.set(waiter.client, [waiter]);
      interactiveCount++;
    } else (waiter.class === 'job' ? jobs : background).push(waiter);
  }

  function next(): void {
    const waiter = take();
    if (!waiter) {
      busy = false;
      return;
    }
    if (waiter.timer) clearTimeout(waiter.timer);
    waiter.start();
  }

  return {
    run<T>(work: () => Promise<T>, limits?: StatementLimits): Promise<T> {
      // First come first served: all in one queue (the job queue, served in order).
      const tag = fifo ? ({ class: 'job' } as const) : currentWork();
      return new Promise<T>((resolve, reject) => {
        const start = (): void => {
          busy = true;
          turns++;
          if (limits?.deadline !== undefined && Date.now() >= limits.deadline) {
            reject(new TimeLimitError(limits.limitMs ?? 0, 'deadline'));
            next();
            return;
          }
          work().then(resolve, reject).finally(next);
        };
        if (!busy) {
          start();
          return;
        }
        const waiter: Waiter = {
          start,
          class: tag.class,
          client: tag.client ?? '',
          since: performance.now(),
          turnAt: turns,
          asked: asked++,
        };
        if (limits?.deadline !== undefined) {
          waiter.timer = setTimeout(
            () => {
              if (remove(waiter)) reject(new TimeLimitError(limits.limitMs ?? 0, 'deadline'));
            },
            Math.max(0, limits.deadline - Date.now()),
          );
        }
        enqueue(waiter);
      });
    },
    snapshot() {
      return {
        busy,
        waiting: { interactive: interactiveCount, job: jobs.length, background: background.length },
        clients: interactive.size,
      };
    },
  };
}
