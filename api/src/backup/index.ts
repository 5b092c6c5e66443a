/** Backup and restore of either database: the public surface for the CLI. */
export { backupDatabase, backupFileKind, restoreDatabase } from './backup.js';
export { BackupError, type BackupErrorReason, type BackupSummary, type RestoreSummary } from './backup.types.js';
