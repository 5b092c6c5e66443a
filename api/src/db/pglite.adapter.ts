/** `Db` on the embedded PGlite + PostGIS (PostgreSQL compiled to WebAssembly, in-process). */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Db, QueryResult } from './db.types.js';
import { createStatementTurns, type StatementTurns } from './statement-turns.js';
import { checkDeadline, type StatementLimits } from './time-limit.js';

const BYTEA = 17;

/**
 * bytea from its text form (`\\x` and hex digits) by Node's hex decoder. PGlite's own parser
 * calls parseInt once per byte: a 1.4 MB packed stretch set took 150–180 ms to read, the same
 * bytes as base64 text 20 ms. A Uint8Array as from PGlite's parser, not a pooled Buffer.
 */
export function parseBytea(text: string): Uint8Array {
  if (!text.startsWith('\\x')) throw new Error(`bytea in an unexpected text form (type ${BYTEA}): expected \\x and hex digits`);
  return new Uint8Array(Buffer.from(text.slice(2), 'hex'));
}

/** bytea parameters to their text form by Node's hex encoder (PGlite's own maps and pads every byte). */
export function serializeBytea(value: unknown): string {
  if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
}

// Same JS types as the pg adapter: int8 and numeric as numbers, bytea as bytes.
const parsers = { 20: (v: string) => Number(v), 1700: (v: string) => Number(v), [BYTEA]: parseBytea };
const serializers = { [BYTEA]: serializeBytea };

/**
 * Opens (or creates) an embedded database. `dataDir` is a folder, or `memory://` for a
 * throwaway one; `loadDataDir` starts from a `dumpDataDir()` tarball instead.
 */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File }): Promise<PGlite> {
  return PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { postgis },
    parsers,
    serializers,
  });
}

/**
 * `Db` over one PGlite. Every statement and transaction takes a turn (see statement-turns.ts:
 * requests round robin, jobs first come first served against them, then background work);
 * a limited view asks for its turns under its deadline and checks it again before each statement
 * inside a transaction. A statement that has started cannot be interrupted here, so
 * `statementTimeoutMs` has no effect on the embedded database.
 */
export function pgliteDb(pglite: PGlite): Db {
  const turns = createStatementTurns();
  return { ...turnDb(pglite, turns, undefined), limited: (limits) => turnDb(pglite, turns, limits), close: () => pglite.close() };
}

function turnDb(pglite: PGlite, turns: StatementTurns, limits: StatementLimits | undefined): Db {
  return {
    kind: 'embedded',
    query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      return turns.run(async () => {
        const r = await pglite.query<T>(sql, params as unknown[] | undefined);
        return { rows: r.rows };
      }, limits);
    },
    exec(sql: string): Promise<void> {
      return turns.run(async () => {
        await pglite.exec(sql);
      }, limits);
    },
    transaction: (fn) => turns.run(() => pglite.transaction((tx) => fn(transactionDb(tx, limits))), limits),
    close: async () => undefined,
  };
}

function transactionDb(tx: Transaction, limits: StatementLimits | undefined): Db {
  const db: Db = {
    kind: 'embedded',
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      checkDeadline(limits);
      const r = await tx.query<T>(sql, params as unknown[] | undefined);
      return { rows: r.rows };
    },
    async exec(sql: string): Promise<void> {
      checkDeadline(limits);
      await tx.exec(sql);
    },
    transaction: (fn) => fn(db),
    close: async () => undefined,
  };
  return db;
}
