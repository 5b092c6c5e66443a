/**
 * `gridatlas backup` and `gridatlas restore`: the whole database to one file and back, on
 * PostgreSQL (pg_dump / pg_restore, custom format) or the embedded database (a copy of its
 * data folder, taken while no server holds it). Exit codes: 0 done; 1 the database refused
 * (a server holds it, it is not empty without --force, a tool failed or is missing) and nothing
 * changed; 2 bad options or not a backup file.
 */
import { backupDatabase, BackupError, restoreDatabase } from '@gridatlas/api';
import { UsageError, type Command } from './command.js';
import { databaseOptions, databaseTarget } from './database-options.js';

const INPUT_REASONS = new Set(['bad_file', 'exists']);

/** A BackupError as the CLI reports it: input problems exit 2, the database's refusals 1. */
function asUsageError(error: unknown): never {
  if (error instanceof BackupError) throw new UsageError(error.message, INPUT_REASONS.has(error.reason) ? 2 : 1);
  throw error;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export const backupCommand: Command = {
  name: 'backup',
  summary: 'write the whole database to one file (pg_dump on PostgreSQL, a data-folder copy of the embedded database)',
  usage: 'pnpm gridatlas backup --out <file> [--force] [--database-url URL | --data-dir DIR]',
  options: {
    out: { type: 'string', short: 'o', valueName: 'file', description: 'backup file to write' },
    force: { type: 'boolean', description: 'overwrite the file when it exists' },
    ...databaseOptions,
  },
  async run({ values, out }) {
    const file = values.out as string | undefined;
    if (!file) throw new UsageError('--out <file> is required');
    const t0 = performance.now();
    const s = await backupDatabase(databaseTarget(values), file, { force: values.force === true }).catch(asUsageError);
    out(
      `backed up the ${s.kind} database (${s.tables} tables) to ${s.file}: ${mib(s.bytes)} in ${((performance.now() - t0) / 1000).toFixed(1)} s (${s.tool})`,
    );
    return 0;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'replace the database with a backup file (stop the server first)',
  usage: 'pnpm gridatlas restore <file> [--force] [--database-url URL | --data-dir DIR]',
  options: {
    force: { type: 'boolean', description: 'replace a database that is not empty (everything in it is replaced)' },
    ...databaseOptions,
  },
  async run({ values, positionals, out }) {
    const [file, ...extra] = positionals;
    if (!file) throw new UsageError('give the backup file to restore');
    if (extra.length > 0) throw new UsageError(`one backup file at a time, got also: ${extra.join(' ')}`);
    const t0 = performance.now();
    const s = await restoreDatabase(databaseTarget(values), file, { force: values.force === true }).catch(asUsageError);
    out(`restored ${s.file} into the ${s.kind} database (${s.tables} tables) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return 0;
  },
};
