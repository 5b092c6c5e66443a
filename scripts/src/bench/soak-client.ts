/**
 * The soak bench's HTTP client: keep-alive connections as a browser keeps them, every answer
 * recorded per route and half (before/after the restart). The one rule for retries: a
 * connection error (refused, reset, closed socket) is retried only when the announced restart
 * window was open when the request started or when it failed, and so is the 503 `starting` a
 * server answers while it starts (it takes its port first); any other failure — another socket
 * error, a timeout, an unexpected status — is an error.
 */
import { Agent, request } from 'node:http';
import { percentile } from './load-mix.js';

/** Error codes of a server that is not there (stopping, stopped or starting). */
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** Whether a failed request may be retried: a connection error inside the restart window. */
export function restartRetryable(
  error: { code?: string | undefined; message?: string },
  windowOpenAtStart: boolean,
  windowOpenAtError: boolean,
): boolean {
  if (!windowOpenAtStart && !windowOpenAtError) return false;
  return (error.code !== undefined && CONNECTION_ERRORS.has(error.code)) || error.message === 'socket hang up';
}

/** Whether an answer is the 503 `starting` of a server still starting, inside the restart window (then retried). */
export function startingRetryable(status: number, text: string, windowOpenAtStart: boolean, windowOpenAtAnswer: boolean): boolean {
  return (windowOpenAtStart || windowOpenAtAnswer) && status === 503 && text.includes('"code":"starting"');
}

/** The announced restart window, opened by the bench before SIGTERM and closed once the server is seeded again. */
export class RestartWindow {
  open = false;
  half: 'before' | 'after' = 'before';
  /** Restarts begun so far: a job that saw this change ran across a restart. */
  restarts = 0;
  /** performance.now() of the last SIGTERM. */
  stopAt = 0;
  /** Requests under way when the stop began, and how many ms after it the last of them was answered (or failed). */
  underWayAtStop = 0;
  lastUnderWayEndedMs = 0;
}

interface RouteHalf {
  latencies: number[];
  errors: number;
  retried: number;
}

export interface RouteFigures {
  route: string;
  requests: number;
  errors: number;
  /** Requests that succeeded after retrying connection errors in the restart window. */
  retried: number;
  p50: number;
  p95: number;
  p99: number;
  /** p95 of the first half (before the restart) and of the second. */
  p95Before: number;
  p95After: number;
}

export class SoakStats {
  private routes = new Map<string, { before: RouteHalf; after: RouteHalf }>();
  /** The first errors, for the report (never bodies with personal data: status and error text only). */
  readonly samples: string[] = [];

  private half(route: string, half: 'before' | 'after'): RouteHalf {
    let r = this.routes.get(route);
    if (!r)
      this.routes.set(route, (r = { before: { latencies: [], errors: 0, retried: 0 }, after: { latencies: [], errors: 0, retried: 0 } }));
    return r[half];
  }

  /** A success after `ms` (its last attempt); `retried`: it needed a retry in the restart window. */
  ok(route: string, half: 'before' | 'after', ms: number, retried: boolean): void {
    const h = this.half(route, half);
    h.latencies.push(ms);
    if (retried) h.retried++;
  }

  error(route: string, half: 'before' | 'after', what: string): void {
    this.half(route, half).errors++;
    if (this.samples.length < 20) this.samples.push(`${route}: ${what}`);
  }

  get errors(): number {
    let n = 0;
    for (const r of this.routes.values()) n += r.before.errors + r.after.errors;
    return n;
  }

  figures(): RouteFigures[] {
    return [...this.routes]
      .map(([route, { before, after }]) => {
        const all = [...before.latencies, ...after.latencies];
        return {
          route,
          requests: all.length + before.errors + after.errors,
          errors: before.errors + after.errors,
          retried: before.retried + after.retried,
          p50: percentile(all, 50),
          p95: percentile(all, 95),
          p99: percentile(all, 99),
          p95Before: percentile(before.latencies, 95),
          p95After: percentile(after.latencies, 95),
        };
      })
      .sort((a, b) => a.route.localeCompare(b.route));
  }
}

export interface Answer {
  status: number;
  text: string;
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  /** Statuses that are a success for this call (default 200). */
  expect?: readonly number[];
}

/** A request's time limit, ms: past it the request is an error (the soak is paced, not saturated). */
const TIMEOUT_MS = 60_000;

export class SoakClient {
  private agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    private readonly baseUrl: string,
    private readonly window: RestartWindow,
    readonly stats: SoakStats,
  ) {}

  /** One request as `route`; null when it failed (counted as an error). */
  async call(route: string, path: string, options: CallOptions = {}): Promise<Answer | null> {
    const expect = options.expect ?? [200];
    const half = this.window.half;
    let retried = 0;
    for (;;) {
      const openAtStart = this.window.open;
      const t0 = performance.now();
      const restartsAtStart = this.window.restarts;
      const ended = (): void => {
        // A request under way when the stop began: the server must finish it before it exits.
        if (!openAtStart && this.window.restarts > restartsAtStart)
          this.window.lastUnderWayEndedMs = Math.max(this.window.lastUnderWayEndedMs, performance.now() - this.window.stopAt);
      };
      try {
        const answer = await this.once(path, options).finally(ended);
        const ms = performance.now() - t0;
        if (startingRetryable(answer.status, answer.text, openAtStart, this.window.open)) {
          retried++;
          await new Promise((r) => setTimeout(r, 250));
          continue;
        }
        if (!expect.includes(answer.status)) {
          this.stats.error(route, half, `${options.method ?? 'GET'} ${path.slice(0, 120)} → ${answer.status} ${answer.text.slice(0, 200)}`);
          return null;
        }
        this.stats.ok(route, half, ms, retried > 0);
        return answer;
      } catch (error) {
        const e = error as { code?: string; message?: string };
        if (restartRetryable(e, openAtStart, this.window.open)) {
          retried++;
          await new Promise((r) => setTimeout(r, 250));
          continue;
        }
        this.stats.error(route, half, `${options.method ?? 'GET'} ${path.slice(0, 120)} → ${e.code ?? ''} ${e.message ?? String(error)}`);
        return null;
      }
    }
  }

  /** Requests waiting for an answer now. */
  underWay = 0;

  private once(path: string, options: CallOptions): Promise<Answer> {
    this.underWay++;
    return this.send(path, options).finally(() => this.underWay--);
  }

  private send(path: string, options: CallOptions): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { 'accept-encoding': 'identity', ...options.headers };
      if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
      const req = request(
        `${this.baseUrl}${path}`,
        { agent: this.agent, method: options.method ?? 'GET', headers, timeout: TIMEOUT_MS },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${TIMEOUT_MS / 1000} s`), { code: 'TIMEOUT' })));
      req.on('error', reject);
      req.end(options.body);
    });
  }

  /** The half a request starting now belongs to. */
  get half(): 'before' | 'after' {
    return this.window.half;
  }

  /** Restarts begun so far (see RestartWindow). */
  get restarts(): number {
    return this.window.restarts;
  }

  close(): void {
    this.agent.destroy();
  }
}
