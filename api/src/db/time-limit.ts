/**
 * Time limits on the database work of one request (issue 15): every request gets a deadline
 * after which none of its statements starts, and on PostgreSQL each statement also runs under
 * `statement_timeout`. The embedded database runs one statement at a time and cannot interrupt
 * one, so there the deadline is what keeps a request from queueing behind long work for ever.
 * Jobs run with a longer per-statement limit and no deadline.
 */

export interface StatementLimits {
  /** Longest one statement may run, in ms (PostgreSQL's `statement_timeout`; the embedded database cannot interrupt a statement). */
  statementTimeoutMs?: number;
  /** Wall-clock time (ms since the epoch) after which no statement starts. */
  deadline?: number;
  /** The request's whole limit in ms, for the error message. */
  limitMs?: number;
}

/** A request's database work passed its time limit. */
export class TimeLimitError extends Error {
  override readonly name = 'TimeLimitError';
  constructor(
    readonly limitMs: number,
    /** `deadline`: a statement would have started after it (often: it waited behind long work); `statement`: one statement ran too long. */
    readonly reason: 'deadline' | 'statement',
  ) {
    super(
      reason === 'deadline'
        ? `the request passed its time limit of ${limitMs} ms before its database work could finish`
        : `a database statement passed the time limit of ${limitMs} ms`,
    );
  }
}

/** PostgreSQL's `statement_timeout` cancel (SQLSTATE 57014; the same code as a cancel by request, told apart by its message). */
export function isStatementTimeout(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === '57014' && /statement timeout/i.test(e.message ?? '');
}

/** Throws when the deadline has passed: called before each statement starts. */
export function checkDeadline(limits: StatementLimits | undefined): void {
  if (limits?.deadline !== undefined && Date.now() >= limits.deadline) {
    throw new TimeLimitError(limits.limitMs ?? 0, 'deadline');
  }
}

/** Default time limit of a request (ms): `GRIDATLAS_STATEMENT_TIMEOUT_MS`. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 8_000;
/** Default limit of one statement of a job, and of a file import or upload request (ms): `GRIDATLAS_JOB_STATEMENT_TIMEOUT_MS`. */
export const DEFAULT_JOB_STATEMENT_TIMEOUT_MS = 600_000;

/** The limits of a request that starts now and may take `limitMs` (0: none). */
export function requestLimits(limitMs: number, now = Date.now()): StatementLimits {
  return limitMs > 0 ? { statementTimeoutMs: limitMs, deadline: now + limitMs, limitMs } : {};
}
