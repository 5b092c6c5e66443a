/**
 * Computed analytics responses (vector tiles, per-grid counts, hexbins) kept in memory and
 * served again while their version has not moved — the district's analytics version
 * (migration 0019) and the newest version of the incident months their period touches (0027;
 * `incidentCacheScope`): the same tiles and counts are asked for over and over as analysts
 * pan, switch layers and come back to a period. The key is the route plus everything the response depends on, including
 * the caller's jurisdictions, so one user is never served what another may not see.
 *
 * - Least recently used entries go first once the bodies pass `GRIDATLAS_RESPONSE_CACHE_MB`
 *   (default 64; 0 turns the cache off).
 * - A request with `Cache-Control: no-cache` (or `no-store`) is computed afresh (and kept).
 * - Every response carries an `ETag` (version + key); `If-None-Match` with it gets a 304.
 * - `X-Cache: hit | miss` says which it was.
 * - Bodies of GZIP_MIN_BYTES or more are kept gzip-compressed (level 1) and sent so to the
 *   clients that accept it, which every browser does: a year's hexbins for the district
 *   shrink from 180 to 25 KB, a dense tile from 55 to 25 KB. Others get them decompressed.
 */
import { createHash } from 'node:crypto';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { baseDb, type Db } from '../db/db.types.js';
import type { AppEnv } from '../http/app-env.js';

/** A body as sent: gzip-compressed (`gzip`) or as is. */
export interface KeptBody {
  bytes: Uint8Array;
  gzip: boolean;
}

interface Entry {
  version: string;
  body: KeptBody;
}

/** A byte-bounded least-recently-used map of bodies, each under the version it was made at. */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(readonly maxBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  /** The body kept for `key` at exactly `version`, or undefined (an older one is dropped). */
  get(key: string, version: string): KeptBody | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.version !== version) {
      this.bytes -= entry.body.bytes.byteLength + key.length;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.body;
  }

  set(key: string, version: string, body: KeptBody): void {
    const cost = body.bytes.byteLength + key.length;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.body.bytes.byteLength + key.length;
    }
    if (cost > this.maxBytes / 8) return; // one response may not push out most of the others
    this.entries.set(key, { version, body });
    this.bytes += cost;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.body.bytes.byteLength + k.length;
    }
  }
}

const DEFAULT_MB = 64;

function configuredBytes(): number {
  const raw = process.env.GRIDATLAS_RESPONSE_CACHE_MB;
  const mb = raw === undefined || raw === '' ? DEFAULT_MB : Number(raw);
  return Number.isFinite(mb) && mb >= 0 ? mb * 1024 * 1024 : DEFAULT_MB * 1024 * 1024;
}

const caches = new WeakMap<Db, ResponseCache>();

/** The cache of one database's responses (made on first use). */
export function responseCacheOf(db: Db): ResponseCache {
  let cache = caches.get(baseDb(db));
  if (!cache) {
    cache = new ResponseCache(configuredBytes());
    caches.set(baseDb(db), cache);
  }
  return cache;
}

/** The district's analytics version: 0 until anything was written (`RegionScope` carries it as read with the region). */
export async function analyticsVersion(db: Db, districtCode: string): Promise<number> {
  const r = await db.query<{ version: number }>('SELECT version FROM analytics_versions WHERE district_code = $1', [districtCode]);
  return Number(r.rows[0]?.version ?? 0);
}

const encoder = new TextEncoder();

/** What a cached response is kept under: the district, and the version of the data it was computed from, as read with the region. */
export interface CacheScope {
  districtCode: string;
  version: string;
}

/**
 * Serves `compute()`'s body through the cache: `parts` name everything the body depends on
 * besides the district's data (route, parameters, resolved filter with jurisdictions). The
 * version is the one read with the request's region (`RegionScope`), before the data, so a
 * body is never kept under a newer version than its data's; a cached response thus costs no
 * query beyond the session and the region.
 */
export async function serveCached(
  c: Context<AppEnv>,
  scope: CacheScope,
  parts: unknown,
  contentType: string,
  cacheControl: string,
  compute: () => Promise<Uint8Array | string>,
): Promise<Response> {
  const cache = responseCacheOf(c.var.db);
  const version = scope.version;
  // The versions are not part of the key (a region in `parts` carries them): an entry is replaced, not left beside its successor.
  const key = JSON.stringify([scope.districtCode, parts], (k, v: unknown) =>
    k === 'analyticsVersion' || k === 'incidentMonths' ? undefined : v,
  );
  const tag = `"${version}-${createHash('sha1').update(key).digest('base64url').slice(0, 16)}"`;
  // Weak: the same for the body compressed or not.
  const headers = { 'Content-Type': contentType, 'Cache-Control': cacheControl, ETag: `W/${tag}`, Vary: 'Cookie, Accept-Encoding' };
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === tag)) {
    return c.body(null, 304, { ...headers, 'X-Cache': 'hit' });
  }
  const gzipOk = acceptsGzip(c.req.header('accept-encoding'));
  const send = (bytes: Uint8Array, gzip: boolean, hit: boolean): Response =>
    c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      'X-Cache': hit ? 'hit' : 'miss',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
  const fresh = /\bno-(cache|store)\b/i.test(c.req.header('cache-control') ?? '');
  const kept = fresh ? undefined : cache.get(key, version);
  if (kept) return kept.gzip && !gzipOk ? send(new Uint8Array(gunzipSync(kept.bytes)), false, true) : send(kept.bytes, kept.gzip, true);
  const computed = await compute();
  const bytes = typeof computed === 'string' ? encoder.encode(computed) : computed;
  const body: KeptBody = bytes.byteLength >= GZIP_MIN_BYTES ? { bytes: gzipFast(bytes), gzip: true } : { bytes, gzip: false };
  cache.set(key, version, body);
  // A client that refuses gzip gets the body as computed, not decompressed again.
  return gzipOk || !body.gzip ? send(body.bytes, body.gzip, false) : send(bytes, false, false);
}

/** Bodies from this size on are kept and sent gzip-compressed. */
export const GZIP_MIN_BYTES = 1024;

/**
 * Level 1 (memLevel 9): most of the compression for little CPU (ratios and cost in
 * BENCHMARKS.md). On the event loop: handing it to the thread pool cost more CPU, alone and
 * more so under load (a stream, a thread hop and its callback per body), and there are no
 * idle cores for it to win back when the server is busy.
 */
const gzipFast = (bytes: Uint8Array): Uint8Array => new Uint8Array(gzipSync(bytes, { level: constants.Z_BEST_SPEED, memLevel: 9 }));

/** Whether `Accept-Encoding` allows gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** `serveCached` for a JSON body. */
export function serveCachedJson(c: Context<AppEnv>, scope: CacheScope, parts: unknown, compute: () => Promise<unknown>): Promise<Response> {
  return serveCached(c, scope, parts, 'application/json; charset=utf-8', 'private, no-cache', async () => JSON.stringify(await compute()));
}

const memos = new WeakMap<Db, Map<string, { version: number | string; value: Promise<unknown> }>>();

/**
 * A value worked out once per district analytics version and shared by the requests that
 * need it (e.g. households per grid, which only buildings and plans change). A failed
 * computation is forgotten, so the next request tries again.
 */
export function memoAtVersion<T>(db: Db, key: string, version: number | string, compute: () => Promise<T>): Promise<T> {
  let byKey = memos.get(baseDb(db));
  if (!byKey) {
    byKey = new Map();
    memos.set(baseDb(db), byKey);
  }
  const kept = byKey.get(key);
  if (kept && kept.version === version) return kept.value as Promise<T>;
  const value = compute();
  byKey.set(key, { version, value });
  value.catch(() => {
    if (byKey.get(key)?.value === value) byKey.delete(key);
  });
  return value;
}
