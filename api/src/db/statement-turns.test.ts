/**
 * The embedded database's turns (issue 15): requests' clients round robin, jobs first come first
 * served against requests, background work after both, a waiting background turn still gets a
 * turn under a flood of requests (anti-starvation), and a deadline refuses a waiting turn on time
 * whatever the queue's order.
 */
import { describe, expect, it } from 'vitest';
import { createStatementTurns, type StatementTurns } from './statement-turns.js';
import { TimeLimitError } from './time-limit.js';
import { runAsWork, type WorkTag } from './work-class.js';

/** A promise settled from outside. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

/** Holds the turn until the returned gate opens. */
function hold(turns: StatementTurns): { open: () => void; done: Promise<void> } {
  const g = gate();
  const done = turns.run(() => g.promise);
  return { open: g.open, done };
}

/** Asks for a turn as `tag`; the turn records `name` when it starts and ends at once. */
function ask(
  turns: StatementTurns,
  tag: WorkTag,
  name: string,
  order: string[],
  limits?: Parameters<StatementTurns['run']>[1],
): Promise<void> {
  return runAsWork(tag, () =>
    turns.run(async () => {
      order.push(name);
    }, limits),
  );
}

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('statement turns on the embedded database', () => {
  it("serves a job's statement after the requests' asked before it and ahead of those asked after it, background work last", async () => {
    const turns = createStatementTurns({ maxWaitMs: 60_000, maxTurnsAhead: 1_000 });
    const order: string[] = [];
    const held = hold(turns);
    const asked = [
      ask(turns, { class: 'background' }, 'warm-1', order),
      ask(turns, { class: 'job' }, 'job-1', order),
      ask(turns, { class: 'background' }, 'warm-2', order),
      ask(turns, { class: 'interactive', client: 'a' }, 'a-1', order),
      ask(turns, { class: 'job' }, 'job-2', order),
      ask(turns, { class: 'interactive', client: 'a' }, 'a-2', order),
      ask(turns, { class: 'interactive', client: 'b' }, 'b-1', order),
      ask(turns, { class: 'job' }, 'job-3', order),
    ];
    expect(turns.snapshot()).toEqual({ busy: true, waiting: { interactive: 3, job: 3, background: 2 }, clients: 2 });
    held.open();
    await Promise.all(asked);
    // job-2 waits for a-1 only; job-3 for b-1 and a-2 (a went to the back of the round robin after a-1, behind b).
    expect(order).toEqual(['job-1', 'a-1', 'job-2', 'b-1', 'a-2', 'job-3', 'warm-1', 'warm-2']);
    expect(turns.snapshot()).toEqual({ busy: false, waiting: { interactive: 0, job: 0, background: 0 }, clients: 0 });
  });

  it("takes clients round robin: one client's many parallel requests do not queue ahead of another's", async () => {
    const turns = createStatementTurns();
    const order: string[] = [];
    const held = hold(turns);
    const asked = [
      ...['a1', 'a2', 'a3', 'a4'].map((n) => ask(turns, { class: 'interactive', client: 'a' }, n, order)),
      ask(turns, { class: 'interactive', client: 'b' }, 'b1', order),
      ask(turns, { class: 'interactive', client: 'c' }, 'c1', order),
      ask(turns, { class: 'interactive', client: 'b' }, 'b2', order),
    ];
    held.open();
    await Promise.all(asked);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4']);
  });

  it('unmarked work counts as interactive: a client of the round robin', async () => {
    const turns = createStatementTurns({ maxWaitMs: 60_000 });
    const order: string[] = [];
    const held = hold(turns);
    const asked = [
      ask(turns, { class: 'interactive', client: 'a' }, 'a-1', order),
      ask(turns, { class: 'interactive', client: 'a' }, 'a-2', order),
      turns.run(async () => void order.push('unmarked')),
      ask(turns, { class: 'job' }, 'job', order),
    ];
    held.open();
    await Promise.all(asked);
    // As a job it would go after a-2, as background work after the job.
    expect(order).toEqual(['a-1', 'unmarked', 'a-2', 'job']);
  });

  /**
   * Requests from two clients that never stop (each asks again as its turn ends) until
   * `maxRequests`; `other` work asks once meanwhile. `requestsWhenAsked`: requests started when it
   * asked; `requestsBeforeJob`: when its turn came.
   */
  async function flood(
    turns: StatementTurns,
    jobTag: WorkTag,
    maxRequests: number,
  ): Promise<{ requestsWhenAsked: number; requestsBeforeJob: number | null; requests: number }> {
    let requests = 0;
    let requestsBeforeJob: number | null = null;
    let stop = false;
    const client = async (name: string): Promise<void> => {
      while (!stop && requests < maxRequests) {
        await runAsWork({ class: 'interactive', client: name }, () =>
          turns.run(async () => {
            requests++;
            await tick(2);
          }),
        );
      }
    };
    const clients = [client('a'), client('b')];
    // The job asks once the flood is under way.
    await tick(10);
    const requestsWhenAsked = requests;
    const job = runAsWork(jobTag, () =>
      turns.run(async () => {
        requestsBeforeJob = requests;
      }),
    );
    await job;
    stop = true;
    await Promise.all(clients);
    return { requestsWhenAsked, requestsBeforeJob, requests };
  }

  it('a job under a flood of requests waits only for the request statements asked before it', async () => {
    const { requestsWhenAsked, requestsBeforeJob } = await flood(
      createStatementTurns({ maxWaitMs: 60_000, maxTurnsAhead: 1_000_000 }),
      { class: 'job' },
      150,
    );
    expect(requestsWhenAsked).toBeGreaterThan(0);
    // Each client has at most one statement waiting at a time (the one under way when it asked was counted already).
    expect(requestsBeforeJob).not.toBeNull();
    expect(requestsBeforeJob! - requestsWhenAsked).toBeLessThanOrEqual(2);
  });

  it('background work waits while requests keep coming, and gets its turn once it has waited maxWaitMs (anti-starvation)', async () => {
    // Without the time rule within reach, the background turn runs only after the flood: requests go first.
    const patient = await flood(createStatementTurns({ maxWaitMs: 60_000, maxTurnsAhead: 1_000_000 }), { class: 'background' }, 150);
    expect(patient.requestsBeforeJob).toBeGreaterThanOrEqual(150);
    // With it, it goes before the flood ends (150 requests of ≥ 2 ms each take far longer than 20 ms).
    const fair = await flood(createStatementTurns({ maxWaitMs: 20, maxTurnsAhead: 1_000_000 }), { class: 'background' }, 150);
    expect(fair.requestsBeforeJob).not.toBeNull();
    expect(fair.requestsBeforeJob!).toBeLessThan(150);
  });

  it('a background turn goes next once maxTurnsAhead turns went to others while it waited', async () => {
    const turns = createStatementTurns({ maxWaitMs: 60_000, maxTurnsAhead: 3 });
    const order: string[] = [];
    const held = hold(turns);
    // Asked while the held turn runs: it began waiting at turn 1.
    const asked = [ask(turns, { class: 'background' }, 'warm', order)];
    for (let i = 1; i <= 5; i++) asked.push(ask(turns, { class: 'interactive', client: 'a' }, `req-${i}`, order));
    held.open();
    await Promise.all(asked);
    // Three turns went to requests while it waited; then it goes next.
    expect(order).toEqual(['req-1', 'req-2', 'req-3', 'warm', 'req-4', 'req-5']);
  });

  it('starving background work goes first; requests and jobs keep their order of asking, however long they waited', async () => {
    const turns = createStatementTurns({ maxWaitMs: 5, maxTurnsAhead: 1_000 });
    const order: string[] = [];
    const held = hold(turns);
    const asked = [ask(turns, { class: 'background' }, 'warm', order)];
    await tick(2);
    asked.push(ask(turns, { class: 'interactive', client: 'a' }, 'req', order), ask(turns, { class: 'job' }, 'job', order));
    await tick(20);
    held.open();
    await Promise.all(asked);
    expect(order).toEqual(['warm', 'req', 'job']);
  });

  it('refuses a waiting turn at its deadline while another holds the turn, in any class, and serves the rest', async () => {
    const turns = createStatementTurns({ maxWaitMs: 60_000 });
    const order: string[] = [];
    const held = hold(turns);
    const deadline = { deadline: Date.now() + 30, limitMs: 30 };
    const refusedRequest = ask(turns, { class: 'interactive', client: 'a' }, 'late-req', order, deadline).catch((e: unknown) => e);
    const refusedJob = ask(turns, { class: 'job' }, 'late-job', order, deadline).catch((e: unknown) => e);
    const other = ask(turns, { class: 'interactive', client: 'a' }, 'req', order);
    // The refusals come while the turn is still held (the timer, not the end of the turn, refuses).
    const [r1, r2] = await Promise.all([refusedRequest, refusedJob]);
    expect(r1).toBeInstanceOf(TimeLimitError);
    expect((r1 as TimeLimitError).reason).toBe('deadline');
    expect(r2).toBeInstanceOf(TimeLimitError);
    expect(turns.snapshot().waiting).toEqual({ interactive: 1, job: 0, background: 0 });
    held.open();
    await Promise.all([held.done, other]);
    expect(order).toEqual(['req']);
  });

  it('in fifo order (for comparison) serves every turn first come first served, whatever its class', async () => {
    const turns = createStatementTurns({ order: 'fifo' });
    const order: string[] = [];
    const held = hold(turns);
    const asked = [
      ask(turns, { class: 'background' }, 'warm', order),
      ask(turns, { class: 'job' }, 'job', order),
      ask(turns, { class: 'interactive', client: 'a' }, 'req', order),
    ];
    held.open();
    await Promise.all(asked);
    expect(order).toEqual(['warm', 'job', 'req']);
  });

  it('a failing turn passes its error to its caller and hands the turn on', async () => {
    const turns = createStatementTurns();
    const order: string[] = [];
    const held = hold(turns);
    const failing = runAsWork({ class: 'interactive' }, () =>
      turns.run(async () => {
        throw new Error('boom');
      }),
    ).catch((e: unknown) => (e as Error).message);
    const after = ask(turns, { class: 'job' }, 'job', order);
    held.open();
    expect(await failing).toBe('boom');
    await after;
    expect(order).toEqual(['job']);
  });
});
