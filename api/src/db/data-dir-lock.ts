/**
 * One process at a time on an embedded data folder. PGlite keeps no lock of its own, and two
 * processes writing the same folder (a server and `gridatlas seed`, or a backup copying it while
 * the server writes) corrupt it. Whoever opens the folder writes `<folder>.lock` beside it (not
 * inside, so a backup of the folder never carries a lock) naming its process; a lock whose
 * process is gone — a server killed with kill -9 — is stale and taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { DatabaseError } from './database-error.js';

interface LockOwner {
  pid: number;
  /** Process start time in clock ticks since boot (Linux), so a reused pid is not mistaken for the owner. */
  start: string | null;
  host: string;
  since: string;
  purpose: string;
}

/** The embedded data folder is in use by another live process. */
export class DataDirBusyError extends DatabaseError {
  constructor(
    readonly dataDir: string,
    readonly owner: { pid: number; purpose: string; since: string },
  ) {
    super(
      'busy',
      `the embedded database ${dataDir} is in use by process ${owner.pid} (${owner.purpose}, since ${owner.since}); ` +
        'stop it first (one process at a time may open an embedded database)',
    );
  }
}

export function lockPath(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, '')}.lock`;
}

/** Start time of a process from /proc (field 22 of stat), or null where /proc is absent. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // a shared folder: we cannot tell, so assume held
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const start = processStart(owner.pid);
  return owner.start === null || start === null || start === owner.start;
}

/** The live process holding the folder, or null when it is free (no lock, or a stale one). */
export function dataDirOwner(dataDir: string): LockOwner | null {
  let owner: LockOwner;
  try {
    owner = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockOwner;
  } catch {
    return null;
  }
  return isAlive(owner) ? owner : null;
}

/**
 * Takes the folder for this process; throws `DataDirBusyError` when a live process holds it
 * (this one included: two PGlite instances on one folder corrupt it as surely as two processes).
 * Returns the release function.
 */
export function lockDataDir(dataDir: string, purpose: string): () => void {
  const path = lockPath(dataDir);
  const me: LockOwner = { pid: process.pid, start: processStart(process.pid), host: hostname(), since: new Date().toISOString(), purpose };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      return () => {
        // Only our own lock: never remove one another process took over meanwhile.
        try {
          const current = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
          if (current.pid === me.pid && current.since === me.since) rmSync(path, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = dataDirOwner(dataDir);
      if (owner) throw new DataDirBusyError(dataDir, owner);
      // Stale (its process died): remove it and try once more; a racing opener wins the 'wx'.
      rmSync(path, { force: true });
    }
  }
  const owner = dataDirOwner(dataDir);
  throw new DataDirBusyError(dataDir, owner ?? { pid: 0, purpose: 'unknown', since: 'now' });
}
