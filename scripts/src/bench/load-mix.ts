/**
 * The request mix of `pnpm bench load` for autocannon: each request draws its kind by weight,
 * with a random community and session. A 409 to a save is a conflict with a concurrent save of the same
 * draft — expected, counted apart; any other non-2xx answer is an error.
 */
import type { Request } from 'autocannon';
import type { Draft, Session } from './load-setup.js';

export type Kind = 'grids' | 'buildings' | 'streets' | 'regions' | 'meta' | 'plan' | 'save';

/** Requests out of 100 per kind, on average. */
export const MIX: Record<Kind, number> = { grids: 35, buildings: 25, streets: 10, regions: 10, meta: 8, plan: 10, save: 2 };

export interface KindStats {
  ok: number;
  conflicts: number;
  errors: number;
  latencies: number[];
}

export class MixStats {
  readonly kinds = new Map<Kind, KindStats>();
  readonly latencies: number[] = [];
  /** The first few error answers, to say why. */
  readonly samples: string[] = [];
  /** The kind whose answer autocannon reported last: `onResponse` runs just before its 'response' event. */
  lastKind: Kind | undefined;

  record(kind: Kind, status: number, body: string): void {
    const s = this.kind(kind);
    this.lastKind = kind;
    if (status >= 200 && status < 300) s.ok++;
    else if (kind === 'save' && status === 409 && body.includes('"currentVersion"')) s.conflicts++;
    else {
      s.errors++;
      if (this.samples.length < 5) this.samples.push(`${kind} ${status}: ${body.slice(0, 300)}`);
    }
  }

  latency(ms: number): void {
    this.latencies.push(ms);
    if (this.lastKind) this.kind(this.lastKind).latencies.push(ms);
    this.lastKind = undefined;
  }

  total(field: 'ok' | 'conflicts' | 'errors'): number {
    let n = 0;
    for (const s of this.kinds.values()) n += s[field];
    return n;
  }

  private kind(kind: Kind): KindStats {
    let s = this.kinds.get(kind);
    if (!s) this.kinds.set(kind, (s = { ok: 0, conflicts: 0, errors: 0, latencies: [] }));
    return s;
  }
}

/** Percentile `p` (0–100) of latencies in ms, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Mulberry32: a small seeded generator, so every run has the same slot order. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface MixInput {
  readers: Session[];
  planner: Session;
  communities: string[];
  approvedPlanId: number;
  drafts: Draft[];
  stats: MixStats;
}

interface MixContext {
  kind?: Kind;
  draft?: Draft;
}

/**
 * One autocannon request whose setup draws the kind by `MIX` weight for every request, so
 * each connection gets the mix from its first request on (autocannon walks a requests array
 * from the start on every connection, which skews short or slow runs to the first entries).
 * The kind and draft ride in the connection's own context to its answer.
 */
export function mixRequests(input: MixInput): Request[] {
  const { readers, planner, communities, approvedPlanId, drafts, stats } = input;
  const random = rng(1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const weights = Object.entries(MIX) as [Kind, number][];
  const total = weights.reduce((n, [, w]) => n + w, 0);
  const drawKind = (): Kind => {
    let r = random() * total;
    for (const [kind, w] of weights) if ((r -= w) < 0) return kind;
    return weights[0]![0];
  };
  const read = (cookie: string, path: string): Partial<Request> => ({ method: 'GET', path, headers: { cookie } });
  const build = (kind: Kind, context: MixContext): Partial<Request> => {
    const reader = pick(readers).cookie;
    switch (kind) {
      case 'grids':
        return read(reader, `/api/layers/grids?region=${pick(communities)}`);
      case 'buildings':
        return read(reader, `/api/layers/buildings?region=${pick(communities)}`);
      case 'streets':
        return read(reader, `/api/layers/streets?region=${pick(communities)}`);
      case 'regions':
        return read(reader, '/api/regions');
      case 'meta':
        return read(reader, '/api/meta');
      case 'plan':
        // Half the approved district plan, half a one-community draft.
        return read(planner.cookie, `/api/plans/${random() < 0.5 ? approvedPlanId : pick(drafts).id}`);
      case 'save': {
        const draft = pick(drafts);
        context.draft = draft;
        return {
          method: 'PUT',
          path: `/api/plans/${draft.id}/grids`,
          headers: { cookie: planner.cookie, 'x-csrf-token': planner.csrf, 'content-type': 'application/json' },
          body: `{"version":${draft.version},"grids":${draft.gridsJson}}`,
        };
      }
    }
  };
  return [
    {
      method: 'GET',
      setupRequest: (req, context) => {
        const ctx = context as MixContext;
        ctx.kind = drawKind();
        return { ...req, ...build(ctx.kind, ctx) };
      },
      onResponse: (status, body, context) => {
        const { kind, draft } = context as MixContext;
        if (!kind) return;
        stats.record(kind, status, body);
        if (draft) draft.version = nextVersion(status, body, draft.version);
      },
    },
  ];
}

/** The version the next save of a draft starts from, after this answer. */
function nextVersion(status: number, body: string, current: number): number {
  try {
    if (status === 200) return (JSON.parse(body) as { plan: { version: number } }).plan.version;
    if (status === 409) {
      const v = (JSON.parse(body) as { error?: { details?: { currentVersion?: number } } }).error?.details?.currentVersion;
      if (typeof v === 'number') return Math.max(v, current);
    }
  } catch {
    // keep the version we had
  }
  return current;
}
