/**
 * Errors a person must act on when the database cannot be used: the server and the CLI print
 * the message and exit non-zero instead of showing a stack trace.
 */
export type DatabaseErrorReason = 'unreachable' | 'no_postgis' | 'migration' | 'busy';

export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
  constructor(
    readonly reason: DatabaseErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The URL as it may be printed: host, port and database name only, never user or password.
 *
 * @example
 * describeDatabaseUrl('postgres://me:secret@db:5433/atlas') // 'db:5433/atlas'
 */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    const socketHost = u.searchParams.get('host');
    const host = u.hostname || socketHost || 'localhost';
    return `${host}:${u.port || '5432'}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return '(unparsable URL)';
  }
}

/** Turns a driver error from connecting into the message a person can act on. */
export function connectError(url: string, error: unknown): DatabaseError {
  const e = error as { code?: string; message?: string };
  const where = describeDatabaseUrl(url);
  const code = e.code ?? 'error';
  // Driver messages may quote the URL; keep only the code and a password-free message.
  const detail = stripSecrets(e.message ?? '', url);
  return new DatabaseError('unreachable', `cannot connect to DATABASE_URL ${where}: ${code} ${detail}`.trim(), {
    cause: error,
  });
}

export function noPostgisError(url: string | undefined, error?: unknown): DatabaseError {
  const where = url ? describeDatabaseUrl(url) : 'the embedded database';
  const detail = error ? ` (${stripSecrets((error as Error).message ?? '', url ?? '')})` : '';
  return new DatabaseError(
    'no_postgis',
    `the database at ${where} has no PostGIS: install postgresql-15-postgis-3 (or your version's PostGIS package) ` +
      `and run CREATE EXTENSION postgis as a superuser${detail}`,
    { cause: error },
  );
}

/** Whether a failed CREATE EXTENSION means PostGIS is not installed or not allowed. */
export function isMissingPostgis(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  // 58P01 undefined_file (control file missing), 0A000 feature_not_supported,
  // 42501 insufficient_privilege (not allowed to create it).
  return e.code === '58P01' || e.code === '0A000' || e.code === '42501' || /postgis/i.test(e.message ?? '');
}

function stripSecrets(text: string, url: string): string {
  let out = text;
  try {
    const u = new URL(url);
    if (u.password) out = out.split(decodeURIComponent(u.password)).join('***');
    out = out.split(url).join(describeDatabaseUrl(url));
  } catch {
    // not a URL: nothing to strip
  }
  return out;
}
