/** What every request handler can reach through `c.var`. */
import type { SessionUser } from '../auth/session-user.js';
import type { Db } from '../db/db.types.js';
import type { JobRunner } from '../jobs/job-runner.js';

export interface AppEnv {
  Variables: {
    db: Db;
    /** The logged-in user, loaded once per request by the session middleware; null when anonymous. */
    user: SessionUser | null;
    /** The caller's address (the socket's, or X-Forwarded-For when the app trusts a proxy). */
    ip: string | null;
    /** Runs queued jobs (imports, exports): a route that queues one wakes it. */
    jobs: JobRunner;
    /** Tracks of not-yet-worked-out patrol days a request may test itself; more make a job. */
    inlinePatrolTracks: number;
  };
}
