/**
 * Login throttling policy: after `maxFailures` failed attempts for one username (or from
 * one address) within `windowSeconds`, further attempts wait, doubling per extra failure
 * up to `maxLockSeconds`. Attempts are counted in the database so API replicas agree;
 * this module only decides.
 */
export interface ThrottlePolicy {
  maxFailures: number;
  windowSeconds: number;
  baseLockSeconds: number;
  maxLockSeconds: number;
}

export const DEFAULT_THROTTLE: Readonly<ThrottlePolicy> = Object.freeze({
  maxFailures: 5,
  windowSeconds: 15 * 60,
  baseLockSeconds: 30,
  maxLockSeconds: 15 * 60,
});

/**
 * Seconds the caller must still wait, or 0 when a login may be tried now.
 * `failures` are the epoch seconds of recent failures (any order); `now` in epoch seconds.
 */
export function retryAfterSeconds(failures: readonly number[], now: number, policy: ThrottlePolicy = DEFAULT_THROTTLE): number {
  const recent = failures.filter((t) => t > now - policy.windowSeconds).sort((a, b) => a - b);
  if (recent.length < policy.maxFailures) return 0;
  const extra = recent.length - policy.maxFailures;
  const lock = Math.min(policy.maxLockSeconds, policy.baseLockSeconds * 2 ** extra);
  const last = recent[recent.length - 1]!;
  return Math.max(0, Math.ceil(last + lock - now));
}
