/**
 * What the server answers between taking its port and being ready (issue 15, first start): the
 * embedded database opens (~11 s for a new folder), migrations run and, on a first start in demo
 * mode, the district is seeded in one transaction (minutes). Rather than refusing connections
 * (a browser shows "cannot connect") or queueing requests behind the seeding transaction until
 * their time limit, every request gets at once a `503` with `Retry-After` and a message saying
 * the server is starting; once the app is handed over, everything goes to it.
 */
import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import type { ErrorBody } from './http-error.js';

interface FetchApp {
  fetch(request: Request, env: HttpBindings | Http2Bindings): Response | Promise<Response>;
}

export interface StartingGate extends FetchApp {
  /** The server is ready: from now on `app` answers every request. */
  open(app: FetchApp): void;
  /** What the server is doing, for the message (e.g. "loading the demo district"). */
  phase(text: string): void;
}

/** Seconds a client is asked to wait before asking again. */
export const STARTING_RETRY_AFTER_S = 5;

export function startingGate(initialPhase = 'opening the database'): StartingGate {
  let app: FetchApp | null = null;
  let phase = initialPhase;
  return {
    fetch(request, env) {
      if (app) return app.fetch(request, env);
      const body: ErrorBody = {
        error: {
          code: 'starting',
          message: `GridAtlas is starting (${phase}); try again in ${STARTING_RETRY_AFTER_S} seconds`,
        },
      };
      return new Response(JSON.stringify(body), {
        status: 503,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'retry-after': String(STARTING_RETRY_AFTER_S),
          'cache-control': 'no-store',
        },
      });
    },
    open(ready) {
      app = ready;
    },
    phase(text) {
      phase = text;
    },
  };
}
