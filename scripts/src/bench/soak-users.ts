/**
 * The soak's working day: paced users, each a loop of "think, then do one thing" until the
 * end of the run — planners reading their draft and the map and saving real edits (a grid
 * renamed, a different grid each save, so every save changes the plan), analysts reading
 * layers, hexbins, per-grid counts and series over varying periods and regions, a leader
 * reading summaries, a grid worker importing a small incident CSV every few minutes, and an
 * analyst asking for patrol coverage (a job when not worked out) now and then.
 */
import { rng } from './load-mix.js';
import type { SoakClient } from './soak-client.js';
import type { Bbox, PlannerDraft, SoakWorld } from './soak-world.js';

export interface SoakPlan {
  /** Run until this time (performance.now() ms). */
  endAt: number;
  /** Interactive users: planners, a leader, analysts. */
  connections: number;
  importEveryMs: number;
  coverageEveryMs: number;
}

export interface SoakCounters {
  saves: number;
  imports: number;
  importedRows: number;
  /** Imported rows the import rejected (reported, not errors: the report says why). */
  importRejected: number;
  coverageJobs: number;
  coverageAnswered: number;
  /**
   * Coverage jobs the restart stopped: a graceful stop fails a running job as `interrupted`
   * ("start it again"); the analyst asks again at the next turn. Not an error when a restart began while the job
   * ran; any other failure of a job is.
   */
  coverageInterrupted: number;
}

const DAY_MS = 86_400_000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A day `offset` days from `date` (YYYY-MM-DD), by calendar arithmetic. */
function addDays(date: string, offset: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);
}

/** The users of the day: how many of each for `connections` interactive users. */
export function userCounts(connections: number): { planners: number; leaders: number; analysts: number } {
  const planners = Math.max(1, Math.round(connections / 4));
  const leaders = connections >= 3 ? 1 : 0;
  return { planners, leaders, analysts: Math.max(0, connections - planners - leaders) };
}

export async function runDay(client: SoakClient, world: SoakWorld, plan: SoakPlan, counters: SoakCounters): Promise<void> {
  const { planners, leaders, analysts } = userCounts(plan.connections);
  const loops: Promise<void>[] = [];
  for (let i = 0; i < planners; i++) loops.push(planner(client, world, world.drafts[i]!, plan, counters, 100 + i));
  for (let i = 0; i < leaders; i++) loops.push(leader(client, world, plan, 200 + i));
  for (let i = 0; i < analysts; i++) loops.push(analyst(client, world, plan, 300 + i));
  loops.push(importer(client, world, plan, counters));
  loops.push(coverage(client, world, plan, counters));
  await Promise.all(loops);
}

/** Sleeps `ms`, cut short at the end of the run; false when the run is over. */
async function think(plan: SoakPlan, ms: number): Promise<boolean> {
  const left = plan.endAt - performance.now();
  if (left <= 0) return false;
  await sleep(Math.min(ms, left));
  return performance.now() < plan.endAt;
}

async function planner(
  client: SoakClient,
  world: SoakWorld,
  draft: PlannerDraft,
  plan: SoakPlan,
  counters: SoakCounters,
  seed: number,
): Promise<void> {
  const random = rng(seed);
  const { cookie, csrf } = world.sessions.planner;
  const h = { cookie };
  while (await think(plan, 5000 + random() * 10_000)) {
    const r = random();
    if (r < 0.3) await client.call('GET /api/plans/:id', `/api/plans/${draft.id}`, { headers: h });
    else if (r < 0.5)
      await client.call('GET /api/layers/grids', `/api/layers/grids?region=${draft.regionCode}&plan=${draft.id}`, { headers: h });
    else if (r < 0.65) await client.call('GET /api/layers/buildings', `/api/layers/buildings?region=${draft.regionCode}`, { headers: h });
    else if (r < 0.72) await client.call('GET /api/regions', '/api/regions', { headers: h });
    else {
      // A real edit: one grid renamed (a different one each save, back and forth), the rest as saved.
      const k = draft.saves % draft.features.length;
      const round = Math.floor(draft.saves / draft.features.length);
      draft.features[k]!.properties.name = round % 2 === 0 ? `${draft.baseNames[k]}（修订${draft.saves + 1}）` : draft.baseNames[k]!;
      const body = `{"version":${draft.version},"grids":${JSON.stringify({ type: 'FeatureCollection', features: draft.features })}}`;
      const answer = await client.call('PUT /api/plans/:id/grids', `/api/plans/${draft.id}/grids`, {
        method: 'PUT',
        headers: { ...h, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body,
      });
      if (answer) {
        draft.version = (JSON.parse(answer.text) as { plan: { version: number } }).plan.version;
        draft.saves++;
        counters.saves++;
      } else {
        // Read the version back so one failed save does not make every later one a conflict.
        const again = await client.call('GET /api/plans/:id', `/api/plans/${draft.id}`, { headers: h });
        if (again) draft.version = (JSON.parse(again.text) as { plan: { version: number } }).plan.version;
      }
    }
  }
}

/** A period an analyst looks at: recent days, the last month or quarter, a past month, or all. */
function period(random: () => number, referenceDate: string): string {
  const end = addDays(referenceDate, 1);
  const r = random();
  if (r < 0.25) return `&from=${addDays(end, -7)}&to=${end}`;
  if (r < 0.5) return `&from=${addDays(end, -30)}&to=${end}`;
  if (r < 0.7) return `&from=${addDays(end, -90)}&to=${end}`;
  if (r < 0.9) {
    const back = 1 + Math.floor(random() * 11);
    const start = new Date(Date.parse(`${referenceDate.slice(0, 7)}-01T00:00:00Z`));
    start.setUTCMonth(start.getUTCMonth() - back);
    const next = new Date(start);
    next.setUTCMonth(next.getUTCMonth() + 1);
    return `&from=${start.toISOString().slice(0, 10)}&to=${next.toISOString().slice(0, 10)}`;
  }
  return '';
}

/** A viewport inside `bbox`: the whole of it, or a random half-size window. */
function viewport(random: () => number, [w, s, e, n]: Bbox): string {
  if (random() < 0.5) return [w, s, e, n].map((v) => v.toFixed(5)).join(',');
  const dx = (e - w) / 2;
  const dy = (n - s) / 2;
  const x = w + random() * dx;
  const y = s + random() * dy;
  return [x, y, x + dx, y + dy].map((v) => v.toFixed(5)).join(',');
}

async function analyst(client: SoakClient, world: SoakWorld, plan: SoakPlan, seed: number): Promise<void> {
  const random = rng(seed);
  const h = { cookie: world.sessions.analyst.cookie };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  while (await think(plan, 3000 + random() * 7000)) {
    const community = pick(world.communities);
    // A third of the reads are of the whole district, the rest of one community.
    const wide = random() < 0.33;
    const region = wide ? world.districtCode : community.code;
    const category = random() < 0.2 && world.categories.length > 0 ? `&category=${encodeURIComponent(pick(world.categories))}` : '';
    const r = random();
    if (r < 0.3) {
      const bbox = viewport(random, wide ? world.districtBbox : community.bbox);
      const zoom = wide ? 12 + Math.floor(random() * 2) : 14 + Math.floor(random() * 3);
      await client.call(
        'GET /api/analytics/incidents/hexbins',
        `/api/analytics/incidents/hexbins?bbox=${bbox}&zoom=${zoom}${period(random, world.referenceDate)}${category}`,
        { headers: h },
      );
    } else if (r < 0.5) {
      await client.call(
        'GET /api/analytics/incidents/grids',
        `/api/analytics/incidents/grids?region=${region}${period(random, world.referenceDate)}${category}`,
        { headers: h },
      );
    } else if (r < 0.65) {
      const interval = pick(['day', 'week', 'month'] as const);
      await client.call(
        'GET /api/analytics/incidents/series',
        `/api/analytics/incidents/series?region=${region}&interval=${interval}${period(random, world.referenceDate)}${category}`,
        { headers: h },
      );
    } else if (r < 0.8) {
      await client.call('GET /api/layers/grids', `/api/layers/grids?region=${community.code}`, { headers: h });
    } else if (r < 0.88) {
      await client.call('GET /api/layers/streets', `/api/layers/streets?region=${community.code}`, { headers: h });
    } else if (r < 0.94) {
      await client.call('GET /api/regions', '/api/regions', { headers: h });
    } else {
      await client.call('GET /api/auth/me', '/api/auth/me', { headers: h });
    }
  }
}

async function leader(client: SoakClient, world: SoakWorld, plan: SoakPlan, seed: number): Promise<void> {
  const random = rng(seed);
  const h = { cookie: world.sessions.leader.cookie };
  while (await think(plan, 8000 + random() * 12_000)) {
    const r = random();
    if (r < 0.3) await client.call('GET /api/meta', '/api/meta', { headers: h });
    else if (r < 0.55) await client.call('GET /api/regions', '/api/regions', { headers: h });
    else if (r < 0.8)
      await client.call('GET /api/analytics/special-groups/grids', `/api/analytics/special-groups/grids?region=${world.districtCode}`, {
        headers: h,
      });
    else
      await client.call(
        'GET /api/analytics/incidents/grids',
        `/api/analytics/incidents/grids?region=${world.districtCode}${period(random, world.referenceDate)}`,
        { headers: h },
      );
  }
}

/** A grid worker's small CSV of new incidents, placed at building centres, dated in the last week. */
async function importer(client: SoakClient, world: SoakWorld, plan: SoakPlan, counters: SoakCounters): Promise<void> {
  const random = rng(400);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const { cookie, csrf } = world.sessions.worker;
  // The first import a little after the start, then every importEveryMs.
  while (await think(plan, counters.imports === 0 ? plan.importEveryMs / 3 : plan.importEveryMs)) {
    const rows = ['lng,lat,time,category'];
    const n = 20 + Math.floor(random() * 40);
    for (let i = 0; i < n; i++) {
      const [lng, lat] = pick(world.buildingCentres);
      const day = addDays(world.referenceDate, -Math.floor(random() * 7));
      const time = `${day}T${String(8 + Math.floor(random() * 10)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00+08:00`;
      rows.push(`${lng.toFixed(6)},${lat.toFixed(6)},${time},${world.categories.length > 0 ? pick(world.categories) : '其他'}`);
    }
    const body = JSON.stringify({
      fileName: `soak-${counters.imports + 1}.csv`,
      content: Buffer.from(rows.join('\n') + '\n', 'utf8').toString('base64'),
      district: world.districtCode,
    });
    const answer = await client.call('POST /api/import/incidents', '/api/import/incidents', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body,
      expect: [201],
    });
    counters.imports++;
    if (answer) {
      const report = JSON.parse(answer.text) as { accepted: number; rejected: number };
      counters.importedRows += report.accepted;
      counters.importRejected += report.rejected;
    }
  }
}

/** Patrol coverage of a random week of the last 90 days: answered at once, or a job polled to its end. */
async function coverage(client: SoakClient, world: SoakWorld, plan: SoakPlan, counters: SoakCounters): Promise<void> {
  const random = rng(500);
  const h = { cookie: world.sessions.analyst.cookie };
  while (await think(plan, counters.coverageAnswered + counters.coverageJobs === 0 ? plan.coverageEveryMs / 2 : plan.coverageEveryMs)) {
    const from = addDays(world.referenceDate, -7 - Math.floor(random() * 83));
    const first = await client.call(
      'GET /api/analytics/patrols/coverage',
      `/api/analytics/patrols/coverage?region=${world.districtCode}&from=${from}&to=${addDays(from, 7)}`,
      {
        headers: h,
        expect: [200, 202],
      },
    );
    if (!first) continue;
    if (first.status === 200) {
      counters.coverageAnswered++;
      continue;
    }
    counters.coverageJobs++;
    await pollJob(client, (JSON.parse(first.text) as { href: string }).href, h, counters);
  }
}

/** Polls a coverage job until it ends, even past the end of the run: a job left running is not a result. */
async function pollJob(client: SoakClient, href: string, h: Record<string, string>, counters: SoakCounters): Promise<void> {
  const restartsAtStart = client.restarts;
  for (;;) {
    await sleep(2000);
    const poll = await client.call('GET /api/jobs/:id', href, { headers: h });
    if (!poll) return;
    const job = JSON.parse(poll.text) as { state: string; error?: { code?: string } | null };
    if (job.state === 'succeeded') return;
    if (job.state === 'failed' && job.error?.code === 'interrupted' && client.restarts > restartsAtStart) {
      counters.coverageInterrupted++;
      return;
    }
    if (job.state === 'failed' || job.state === 'cancelled') {
      client.stats.error('coverage job', client.half, `${href} ${job.state}: ${JSON.stringify(job.error).slice(0, 200)}`);
      return;
    }
  }
}
