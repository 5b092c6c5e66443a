/**
 * Fuzzing every route the OpenAPI document describes with malformed and hostile requests
 * (issue 3): path and query parameters and JSON bodies, each request breaking one spot of an
 * otherwise plausible request, mostly as admin with the CSRF header so it reaches validation
 * and the handler. No answer may be a 5xx, every 4xx carries `{ error: { code, message } }`,
 * and the data no request may touch keeps its fingerprint. Reproduce a failure with
 * `GRIDATLAS_FUZZ_SEED=<seed>`; `GRIDATLAS_FUZZ_REQUESTS` sets how many per backend.
 */
import { createRandom, type Random } from '@gridatlas/core';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/db.types.js';
import { BACKENDS } from './test-database.js';
import { TEST_ROLES, useTestApp, type Client } from './test-app.js';
import { RAW_URL_VALUES, hostileString, mutate, randomJson, taint, urlEncode, validFor, type JsonSchema } from './fuzz-inputs.js';

const SEED = Number(process.env.GRIDATLAS_FUZZ_SEED ?? 20250630);
const REQUESTS = Number(process.env.GRIDATLAS_FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 4;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
}
interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

type Who = 'admin' | 'admin-no-csrf' | 'anonymous' | 'garbage-cookie' | string;
interface FuzzRequest {
  n: number;
  who: Who;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * The data no fuzzed request may change. Drafts, sessions, the audit log and throttling rows
 * may change, and so may plans' status (a fuzzed request with a lucky version may submit,
 * approve or archive one), but never the seeded plans' identity or their grids.
 */
const FINGERPRINT: Record<string, string> = {
  regions: `SELECT count(*) AS n, md5(coalesce(string_agg(code || name || level || ST_AsText(boundary), ',' ORDER BY code), '')) AS h FROM regions`,
  buildings: `SELECT count(*) AS n, md5(coalesce(string_agg(concat_ws('|', id, community_code, name, households, persons, ST_AsText(footprint)), ',' ORDER BY district_code, id), '')) AS h FROM buildings`,
  seededPlans: `SELECT count(*) AS n, md5(coalesce(string_agg(concat_ws('|', id, region_code, name, author, created_at), ',' ORDER BY id), '')) AS h FROM plans WHERE author = 'seed'`,
  seededGrids: `SELECT count(*) AS n, md5(coalesce(string_agg(concat_ws('|', plan_id, code, name, type, zone_code, ST_AsText(geometry)), ',' ORDER BY plan_id, code), '')) AS h
    FROM grids WHERE plan_id IN (SELECT id FROM plans WHERE author = 'seed')`,
  users: `SELECT count(*) AS n, md5(coalesce(string_agg(concat_ws('|', id, username, password_hash, display_name, disabled), ',' ORDER BY id), '')) AS h FROM users`,
  userRoles: `SELECT count(*) AS n, md5(coalesce(string_agg(user_id || role_key, ',' ORDER BY user_id, role_key), '')) AS h FROM user_roles`,
  jurisdictions: `SELECT count(*) AS n, md5(coalesce(string_agg(user_id || region_code, ',' ORDER BY user_id, region_code), '')) AS h FROM jurisdictions`,
  roles: `SELECT count(*) AS n, md5(coalesce(string_agg(key || permissions::text, ',' ORDER BY key), '')) AS h FROM roles`,
  specialGroups: `SELECT count(*) AS n, md5(coalesce(string_agg(concat_ws('|', id, building_id, category, since), ',' ORDER BY district_code, id), '')) AS h FROM special_group_records`,
  incidents: `SELECT count(*) AS n, md5(coalesce(string_agg(concat_ws('|', code, state, closure, escalation_level, ST_AsText(location)), ',' ORDER BY district_code, code), '')) AS h FROM incidents`,
};

async function fingerprint(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, sql] of Object.entries(FINGERPRINT)) {
    const row = (await db.query<{ n: number | string; h: string }>(sql)).rows[0]!;
    out[table] = `${row.n}:${row.h}`;
  }
  return out;
}

function operations(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      ...(op.requestBody?.content?.['application/json']?.schema ? { body: op.requestBody.content['application/json'].schema } : {}),
    })),
  );
}

const NON_JSON_BODIES = [
  '{"regionCode":',
  'undefined',
  'NaN',
  '\u0000',
  '{"a":1}garbage',
  "{'single':'quotes'}",
  '<xml/>',
  '[1,2,',
  '{"__proto__":{"admin":true}}',
  '',
];
const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/xml',
  '',
];

/** One request: which spot is broken, by whom, with which content type. */
function generate(r: Random, n: number, ops: Operation[], resolve: (ref: string) => JsonSchema, roles: string[]): FuzzRequest {
  const op = r.pick(ops);
  // Login spends real scrypt time on every valid-looking attempt; fuzz it, but less often.
  if (op.path === '/api/auth/login' && r.chance(0.8))
    return generate(
      r,
      n,
      ops.filter((o) => o.path !== '/api/auth/login'),
      resolve,
      roles,
    );
  const target = r.weighted<'path' | 'query' | 'body' | 'transport'>([
    ['path', op.parameters.some((p) => p.in === 'path') ? 2 : 0],
    ['query', op.parameters.some((p) => p.in === 'query') ? 3 : 0],
    ['body', op.body ? 5 : 0],
    ['transport', 1],
  ]);
  let url = op.path;
  for (const p of op.parameters.filter((q) => q.in === 'path')) {
    const good = String(validFor(p.schema, p.name, resolve));
    const value =
      target === 'path'
        ? r.chance(0.15)
          ? r.pick(RAW_URL_VALUES)
          : urlEncode(r.chance(0.8) ? hostileString(r) : String(randomJson(r)))
        : good;
    url = url.replace(`{${p.name}}`, value);
  }
  const query: string[] = [];
  const queryParams = op.parameters.filter((q) => q.in === 'query');
  const broken = target === 'query' ? r.pick(queryParams) : undefined;
  for (const p of queryParams) {
    if (p === broken) {
      const pick = r.int(0, 5);
      if (pick === 0) continue;
      if (pick === 1) query.push(`${p.name}=${r.pick(RAW_URL_VALUES)}`);
      else if (pick === 2)
        query.push(`${p.name}=${urlEncode(String(validFor(p.schema, p.name, resolve)))}`, `${p.name}=${urlEncode(hostileString(r))}`);
      else if (pick === 3) query.push(`${p.name}=${urlEncode(taint(r, String(validFor(p.schema, p.name, resolve))))}`);
      else query.push(`${p.name}=${urlEncode(r.chance(0.8) ? hostileString(r) : JSON.stringify(randomJson(r)))}`);
    } else if (p.required || r.chance(0.7)) {
      query.push(`${p.name}=${urlEncode(String(validFor(p.schema, p.name, resolve)))}`);
    }
  }
  if (target === 'query' && r.chance(0.2)) query.push(`${urlEncode(hostileString(r).slice(0, 50))}=${urlEncode(hostileString(r))}`);
  if (query.length) url += `?${query.join('&')}`;

  const headers: Record<string, string> = {};
  let body: string | undefined;
  let method = op.method;
  if (op.body || target === 'transport') {
    const valid = op.body ? validFor(op.body, undefined, resolve) : {};
    body = JSON.stringify(target === 'body' ? mutate(r, valid) : valid);
    headers['content-type'] = 'application/json';
  }
  if (target === 'transport') {
    const pick = r.int(0, 4);
    if (pick === 0) headers['content-type'] = r.pick(CONTENT_TYPES);
    else if (pick === 1) body = r.pick(NON_JSON_BODIES);
    else if (pick === 2) body = `{"pad":"${'x'.repeat(2 ** 20 + 10)}"}`;
    else if (pick === 3) method = r.pick(['PATCH', 'DELETE', 'PUT', 'OPTIONS', 'POST', 'GET']);
    else body = JSON.stringify(randomJson(r));
  }
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') body = undefined;
  const who = r.weighted<Who>([
    ['admin', 80],
    ['role', 8],
    ['anonymous', 6],
    ['admin-no-csrf', 3],
    ['garbage-cookie', 3],
  ]);
  return { n, who: who === 'role' ? r.pick(roles) : who, method, url, headers, ...(body !== undefined ? { body } : {}) };
}

function describeRequest(req: FuzzRequest): string {
  const body = req.body === undefined ? '' : ` body(${req.body.length}): ${JSON.stringify(req.body.slice(0, 300))}`;
  return `seed ${SEED} #${req.n} as ${req.who}: ${req.method} ${req.url.slice(0, 300)} ${JSON.stringify(req.headers)}${body}`;
}

describe.each(BACKENDS)('fuzzing the API on %s', (kind) => {
  const ctx = useTestApp(kind);

  it(`answers ${REQUESTS} hostile requests with 4xx errors, never a 5xx, and leaves the data alone`, async () => {
    const doc = (await ctx.get<OpenApiDoc>('/api/openapi.json')).body;
    const resolve = (ref: string): JsonSchema => doc.components?.schemas?.[ref.replace('#/components/schemas/', '')] ?? {};
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(10);
    const roles = TEST_ROLES.filter((role) => role !== 'admin').flatMap((role) => [role, `${role}-west`]);
    const clients = new Map<string, Client>([['admin', await ctx.login('admin')]]);
    for (const role of roles) clients.set(role, await ctx.login(role));
    const before = await fingerprint(ctx.t.db);

    const r = createRandom(SEED);
    const requests = Array.from({ length: REQUESTS }, (_, n) => generate(r, n, ops, resolve, roles));
    const failures: string[] = [];
    const statuses = new Map<number, number>();

    const send = async (req: FuzzRequest): Promise<void> => {
      const headers = new Headers(req.headers);
      let client = clients.get(req.who === 'admin-no-csrf' ? 'admin' : req.who);
      // Logging out ends a session: do that with a fresh one.
      if (client && req.url === '/api/auth/logout') client = await ctx.login(req.who === 'admin-no-csrf' ? 'admin' : req.who);
      if (client) {
        headers.set('cookie', client.cookie);
        if (req.who !== 'admin-no-csrf') headers.set('x-csrf-token', client.csrf);
      } else if (req.who === 'garbage-cookie') {
        headers.set('cookie', `ga_session=${"x'; DROP TABLE sessions; --".replace(/[; ]/g, '_')}; ga_csrf=%00%ff`);
        headers.set('x-csrf-token', '<script>alert(1)</script>');
      }
      const res = await ctx.app.request(req.url, { method: req.method, headers, ...(req.body !== undefined ? { body: req.body } : {}) });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const text = await res.text();
      if (res.status >= 500) {
        failures.push(`${res.status} for ${describeRequest(req)} → ${text.slice(0, 300)}`);
      } else if (res.status >= 400) {
        let ok = false;
        try {
          const e = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
          ok = typeof e?.code === 'string' && typeof e.message === 'string' && e.message.length > 0;
        } catch {
          ok = false;
        }
        if (!ok) failures.push(`${res.status} without the uniform error body for ${describeRequest(req)} → ${text.slice(0, 300)}`);
      }
    };

    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < requests.length && failures.length < 50) await send(requests[next++]!);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(failures.slice(0, 20)).toEqual([]);
    expect(next).toBe(REQUESTS);
    // Most requests must get past login to the validation they are meant to test.
    const refused = (statuses.get(401) ?? 0) + (statuses.get(403) ?? 0);
    expect(refused).toBeLessThan(REQUESTS / 3);
    expect(await fingerprint(ctx.t.db)).toEqual(before);
  }, 240_000);
});
