/** What backup and restore report, and the errors a person must act on. */
import type { DbKind } from '../db/db.types.js';

export interface BackupSummary {
  kind: DbKind;
  file: string;
  /** Size of the backup file. */
  bytes: number;
  /** Tables in the backup (PostGIS's spatial_ref_sys not counted). */
  tables: number;
  /** The program that wrote it (pg_dump's path), or the PGlite version for the embedded database. */
  tool: string;
}

export interface RestoreSummary {
  kind: DbKind;
  file: string;
  /** Tables in the database after the restore (spatial_ref_sys not counted). */
  tables: number;
}

/**
 * `unreachable`, `busy` (a server holds the database), `not_empty` (restore without --force),
 * `failed` (a tool failed; nothing was changed), `no_tools` (pg_dump, pg_restore or psql missing
 * or too old): exit code 1. `bad_file` (not a backup, or one of
 * the other database kind), `exists` (backup onto an existing file without --force): exit code 2.
 */
export type BackupErrorReason = 'unreachable' | 'no_tools' | 'busy' | 'not_empty' | 'failed' | 'bad_file' | 'exists';

export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly reason: BackupErrorReason,
    message: string,
  ) {
    super(message);
  }
}
