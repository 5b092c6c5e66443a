/**
 * The worker thread that owns the embedded database (issue 15). PGlite runs each statement
 * synchronously in the thread that calls it; here that thread is this worker, so a long
 * statement no longer stalls the API's event loop (its requests, timers and time limits).
 *
 * Requests are handled strictly one after another in the order they arrive: the API's thread
 * decides the order (statement turns, transactions as BEGIN … COMMIT from there), and this
 * worker never reorders or interleaves them. A statement that has started runs to its end —
 * PGlite cannot cancel one — and `close` comes after everything sent before it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openPglite } from './pglite.adapter.js';
import { serializeError, type PgliteRequest, type PgliteResponse, type PgliteWorkerData } from './pglite-worker.protocol.js';

const port = parentPort;
if (!port) throw new Error('pglite-worker.ts runs as a worker thread (see pglite-worker.client.ts)');

const data = workerData as PgliteWorkerData;
const post = (message: PgliteResponse): void => port.postMessage(message);

try {
  const pglite = await openPglite({
    ...(data.dataDir ? { dataDir: data.dataDir } : {}),
    ...(data.loadDataDir ? { loadDataDir: new Blob([data.loadDataDir]) } : {}),
  });
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (request: PgliteRequest) => {
    chain = chain.then(() => handle(request));
  });

  async function handle(request: PgliteRequest): Promise<void> {
    try {
      if (request.op === 'query') {
        const r = await pglite.query(request.sql, request.params);
        post({ id: request.id, op: 'rows', rows: r.rows });
      } else if (request.op === 'exec') {
        await pglite.exec(request.sql);
        post({ id: request.id, op: 'done' });
      } else {
        await pglite.close();
        post({ id: request.id, op: 'done' });
        port!.close();
      }
    } catch (error) {
      post({ id: request.id, op: 'error', error: serializeError(error) });
    }
  }
  post({ op: 'ready' });
} catch (error) {
  post({ op: 'open_failed', error: serializeError(error) });
  port.close();
}
