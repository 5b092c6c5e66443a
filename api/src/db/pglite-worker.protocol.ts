/**
 * Messages between the API's thread and the worker thread that owns the embedded database
 * (see pglite-worker.ts and pglite-worker.client.ts). Everything crosses by structured clone:
 * rows keep Date, Uint8Array (bytea), numbers (int8/numeric, parsed in the worker) and parsed
 * json as they are; functions cannot cross, so the type parsers live in the worker.
 */

/** What the worker opens: a folder, `memory://`, and/or a `dumpDataDir()` tarball to start from. */
export interface PgliteWorkerData {
  dataDir?: string;
  /** Bytes of a `dumpDataDir()` tarball (gzip or tar). */
  loadDataDir?: Uint8Array;
}

export type PgliteRequest =
  | { id: number; op: 'query'; sql: string; params?: unknown[] }
  | { id: number; op: 'exec'; sql: string }
  /** Closes PGlite (flushes its files) after every request sent before it, then the worker ends. */
  | { id: number; op: 'close' };

/** A PostgreSQL error's fields, as PGlite's DatabaseError carries them (all but `message` optional). */
export interface SerializedDbError {
  message: string;
  name?: string;
  code?: string;
  severity?: string;
  detail?: string;
  hint?: string;
  position?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  routine?: string;
}

export type PgliteResponse =
  | { op: 'ready' }
  | { op: 'open_failed'; error: SerializedDbError }
  | { id: number; op: 'rows'; rows: unknown[] }
  | { id: number; op: 'done' }
  | { id: number; op: 'error'; error: SerializedDbError };

const ERROR_FIELDS = [
  'name',
  'code',
  'severity',
  'detail',
  'hint',
  'position',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
] as const;

/** The fields of a thrown value that can cross to the other thread. */
export function serializeError(error: unknown): SerializedDbError {
  const e = (error ?? {}) as Record<string, unknown>;
  const out: SerializedDbError = { message: typeof e.message === 'string' ? e.message : String(error) };
  for (const field of ERROR_FIELDS) {
    if (typeof e[field] === 'string') out[field] = e[field];
  }
  return out;
}
