/**
 * The API thread's side of the embedded database's worker thread (pglite-worker.ts): starts it,
 * sends it statements and matches the answers. One worker, one PGlite instance: the API's
 * thread never loads the database itself, so its memory is counted once.
 *
 * A worker that dies (an uncaught error in PGlite's WebAssembly, out of memory, `kill()`) fails
 * every statement sent and not answered, and every later one, with `EmbeddedDatabaseStoppedError`
 * (a statement it was running may or may not have been applied, as after kill -9 of a server),
 * and calls `onStopped` so the server can stop instead of answering 500s for ever.
 */
import { Worker } from 'node:worker_threads';
import { DatabaseError } from './database-error.js';
import type { PgliteRequest, PgliteResponse, PgliteWorkerData, SerializedDbError } from './pglite-worker.protocol.js';

/**
 * A PostgreSQL error raised in the worker, with the same fields (`code`, `detail`, `constraint` …)
 * as PGlite's own: typed by the protocol's one list through this interface, not a second copy.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface EmbeddedStatementError extends Omit<SerializedDbError, 'message' | 'name'> {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class EmbeddedStatementError extends Error {
  constructor(fields: SerializedDbError) {
    super(fields.message);
    const { message: _message, name: _name, ...rest } = fields;
    Object.assign(this, rest);
  }
}

/** The worker thread of the embedded database is gone: nothing more can run until a restart. */
export class EmbeddedDatabaseStoppedError extends DatabaseError {
  constructor(detail: string) {
    super(
      'unreachable',
      `the embedded database stopped (${detail}); a statement under way may or may not have been applied — ` +
        'restart the server (the database recovers to its last committed state)',
    );
  }
}

export interface PgliteWorkerClient {
  query<T>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<void>;
  /** Closes the database after everything sent before; after `timeoutMs` (the statement under way did not end) stops the worker instead. */
  close(timeoutMs?: number): Promise<void>;
  /** Stops the worker at once, as a crash would: for a stop that could not wait, and for tests. */
  kill(): Promise<void>;
}

export interface StartOptions extends PgliteWorkerData {
  /** Called once when the worker dies without being closed. */
  onStopped?: (error: EmbeddedDatabaseStoppedError) => void;
}

/** A request before its id is given. */
type RequestBody = PgliteRequest extends infer R ? (R extends PgliteRequest ? Omit<R, 'id'> : never) : never;

/** Default bound of a graceful close: the longest a statement under way is waited for (ms). */
export const DEFAULT_CLOSE_TIMEOUT_MS = 20_000;

/** The worker's module: from the TypeScript source, a small bootstrap that loads tsx first (see pglite-worker.boot.mjs). */
function workerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './pglite-worker.boot.mjs' : './pglite-worker.js', import.meta.url);
}

/** Starts the worker and opens the database in it; rejects with the database's error when it cannot open. */
export async function startPgliteWorker(options: StartOptions): Promise<PgliteWorkerClient> {
  const url = workerUrl();
  const data: PgliteWorkerData = {
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  };
  const worker = new Worker(url, {
    workerData: data,
    ...(data.loadDataDir ? { transferList: [data.loadDataDir.buffer as ArrayBuffer] } : {}),
  });
  const pending = new Map<number, { resolve: (r: PgliteResponse) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let stopped: DatabaseError | null = null;
  let closing = false;
  let exited = false;
  const exit = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  const fail = (error: DatabaseError): void => {
    if (stopped) return;
    stopped = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: PgliteResponse): void => {
      if (m.op === 'ready') resolve();
      else if (m.op === 'open_failed') reject(new EmbeddedStatementError(m.error));
      else return;
      worker.off('message', onMessage);
      worker.off('exit', onEarlyExit);
    };
    const onEarlyExit = (code: number): void =>
      reject(new EmbeddedDatabaseStoppedError(`its worker thread exited with code ${code} while opening`));
    worker.on('message', onMessage);
    worker.once('exit', onEarlyExit);
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });

  worker.on('message', (m: PgliteResponse) => {
    if (!('id' in m)) return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    p.resolve(m);
  });
  worker.on('error', (error) => fail(new EmbeddedDatabaseStoppedError(`its worker thread failed: ${error.message}`)));
  worker.once('exit', (code) => {
    exited = true;
    if (closing) {
      fail(new DatabaseError('unreachable', 'the embedded database is closed'));
      return;
    }
    fail(new EmbeddedDatabaseStoppedError(`its worker thread exited with code ${code}`));
    options.onStopped?.(stopped as EmbeddedDatabaseStoppedError);
  });

  function send(request: RequestBody): Promise<PgliteResponse> {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    return new Promise<PgliteResponse>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      try {
        worker.postMessage({ ...request, id } as PgliteRequest);
      } catch (error) {
        // A parameter that cannot cross threads (a function, a symbol): the caller's mistake, not a crash.
        pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  const answer = (m: PgliteResponse): PgliteResponse => {
    if (m.op === 'error') throw new EmbeddedStatementError(m.error);
    return m;
  };

  return {
    async query<T>(sql: string, params?: readonly unknown[]) {
      const m = answer(await send({ op: 'query', sql, ...(params ? { params: [...params] } : {}) }));
      return { rows: (m.op === 'rows' ? m.rows : []) as T[] };
    },
    async exec(sql: string) {
      answer(await send({ op: 'exec', sql }));
    },
    async close(timeoutMs = DEFAULT_CLOSE_TIMEOUT_MS) {
      if (exited) return;
      closing = true;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const closed = send({ op: 'close' }).then(
        () => 'closed' as const,
        () => 'closed' as const,
      );
      const outcome = await Promise.race([closed, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        // The statement under way did not end in time: stop as a kill -9 would (the database recovers on the next start).
        const error = new EmbeddedDatabaseStoppedError(
          `a statement was still running ${timeoutMs} ms after the close began, so its worker was stopped`,
        );
        fail(error);
        await worker.terminate();
        throw error;
      }
      await exit;
    },
    async kill() {
      await worker.terminate();
      await exit;
    },
  };
}
