/**
 * `Db` on the embedded database in its worker thread (pglite-worker.client.ts). Statements and
 * transactions take turns (statement-turns.ts): requests' clients round robin, a job's statement
 * after the requests' asked before it and ahead of those asked after it, then background work,
 * with a waiting background statement let through at least every 200 ms. The class comes
 * from where the work runs (work-class.ts). A transaction holds the turn — the one connection — from its
 * BEGIN to its COMMIT or ROLLBACK, sent from here as separate messages; nothing else is sent in
 * between.
 *
 * Time limits: a limited view refuses to start a statement after its deadline (as on
 * PostgreSQL), and — new with the worker — gives up waiting at the deadline while a statement
 * runs: the caller gets `TimeLimitError` (a 503 for a request) at its deadline. PGlite cannot
 * cancel a statement, so the statement still runs to its end in the worker and keeps the turn
 * until then; inside a transaction the caller's error rolls it back after that statement, so a
 * request answered 503 leaves nothing of its transaction behind. A single statement outside a
 * transaction (autocommit) that was given up on may still be applied when it ends.
 * `statementTimeoutMs` has no effect here.
 */
import type { Db, QueryResult } from './db.types.js';
import { DEFAULT_CLOSE_TIMEOUT_MS, type PgliteWorkerClient } from './pglite-worker.client.js';
import { createStatementTurns, type StatementTurns, type TurnOrder } from './statement-turns.js';
import { checkDeadline, TimeLimitError, type StatementLimits } from './time-limit.js';

export function pgliteWorkerDb(client: PgliteWorkerClient, closeTimeoutMs = DEFAULT_CLOSE_TIMEOUT_MS, order: TurnOrder = 'priority'): Db {
  const turns = createStatementTurns({ order });
  return {
    ...turnDb(client, turns, undefined),
    limited: (limits) => turnDb(client, turns, limits),
    close: () => closeAfterTurns(client, turns, closeTimeoutMs),
  };
}

/**
 * A graceful close: after the work already waiting for a turn (the server stops taking requests
 * and jobs first, so little is), PGlite closes in the worker and flushes its files. Bounded by
 * `timeoutMs` in all: past it the worker is stopped as kill -9 would, and the next start recovers.
 */
async function closeAfterTurns(client: PgliteWorkerClient, turns: StatementTurns, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  try {
    await turns.run(() => client.close(Math.max(1, deadline - Date.now())), { deadline, limitMs: timeoutMs });
  } catch (error) {
    // The turn did not come in time: stop the worker now (this throws what it did).
    if (error instanceof TimeLimitError) await client.close(0);
    throw error;
  }
}

/** `work`, or `TimeLimitError` at the deadline if it has not settled by then (the work itself goes on). */
function untilDeadline<T>(work: Promise<T>, limits: StatementLimits | undefined): Promise<T> {
  if (limits?.deadline === undefined) return work;
  const { deadline, limitMs = 0 } = limits;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeLimitError(limitMs, 'deadline')), Math.max(0, deadline - Date.now()));
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function turnDb(client: PgliteWorkerClient, turns: StatementTurns, limits: StatementLimits | undefined): Db {
  return {
    kind: 'embedded',
    query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      return untilDeadline(
        turns.run(() => client.query<T>(sql, params), limits),
        limits,
      );
    },
    exec(sql: string): Promise<void> {
      return untilDeadline(
        turns.run(() => client.exec(sql), limits),
        limits,
      );
    },
    transaction: (fn) =>
      turns.run(async () => {
        await client.exec('BEGIN');
        try {
          const result = await fn(transactionDb(client, limits));
          await client.exec('COMMIT');
          return result;
        } catch (error) {
          // Sent after whatever statement of the transaction is still running in the worker.
          await client.exec('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }, limits),
    close: async () => undefined,
  };
}

function transactionDb(client: PgliteWorkerClient, limits: StatementLimits | undefined): Db {
  const db: Db = {
    kind: 'embedded',
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      checkDeadline(limits);
      return untilDeadline(client.query<T>(sql, params), limits);
    },
    async exec(sql: string): Promise<void> {
      checkDeadline(limits);
      return untilDeadline(client.exec(sql), limits);
    },
    transaction: (fn) => fn(db),
    close: async () => undefined,
  };
  return db;
}
