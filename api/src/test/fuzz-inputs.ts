/**
 * Hostile and malformed values for the API fuzz test, drawn from a seeded `Random` so a
 * failing run reproduces from its seed. `validFor()` builds a plausible value from a JSON
 * schema of the OpenAPI document (tuned to the tiny fixture: real region codes, plan ids),
 * and `mutate()` breaks one spot of it, so the broken spot is what the server sees first.
 */
import type { Random } from '@gridatlas/core';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: Json[];
  const?: Json;
  pattern?: string;
  example?: Json;
  default?: Json;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
}

const SQL = [
  "'; DROP TABLE grids; --",
  "' OR 1=1 --",
  "610198' OR '1'='1",
  '1; DELETE FROM users',
  "'); TRUNCATE regions CASCADE; --",
  '1 UNION SELECT password_hash FROM users',
  "admin'--",
  '$1',
  "\\'; SELECT pg_sleep(10); --",
];
const SCRIPT = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '{{7*7}}', '${process.exit()}'];
const UNICODE = [
  'a\u0000b',
  '\u0000',
  '610198\u0000',
  '\ud800',
  'x\udfffy',
  '\u202e\u0007\u001b[31m',
  '\r\n\t\b\f',
  '\ufeff610198',
  '６１０１９８',
  '𝔊𝔯𝔦𝔡',
  '网格\u0000图谱',
  'ﷺ'.repeat(50),
  '\u0085\u2028\u2029',
];
const NUMBERISH = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '-0',
  '0x10',
  '1.5',
  '-1',
  '99999999999999999999',
  '1e-400',
  '',
  ' ',
  '0',
  '00001',
];
const DATES = [
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59-23:59',
  '2025-02-30T00:00:00Z',
  '2025-13-01T00:00:00Z',
  '-infinity',
  'epoch',
  '294277-01-01T00:00:00Z',
  '2025-06-30T24:00:00+99:99',
];
const NUMBERS = [0, -0, -1, 1.5, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 53, -(2 ** 63), Number.MAX_SAFE_INTEGER + 2];

/** A hostile string: injections, control and odd unicode, numbers in disguise, or very long. */
export function hostileString(r: Random): string {
  switch (r.int(0, 6)) {
    case 6:
      return r.pick(DATES);
    case 0:
      return r.pick(SQL);
    case 1:
      return r.pick(SCRIPT);
    case 2:
      return r.pick(UNICODE);
    case 3:
      return r.pick(NUMBERISH);
    case 4:
      return r.pick(['a', '9', '网', '\u0000', "'"]).repeat(r.pick([256, 1001, 10_000, 100_000]));
    default:
      return Array.from({ length: r.int(0, 40) }, () => String.fromCharCode(r.int(0, 0xffff))).join('');
  }
}

/** A valid value with a NUL, a lone surrogate or a control character slipped in: it passes length and shape checks. */
export function taint(r: Random, valid: string): string {
  const at = r.int(0, valid.length);
  return valid.slice(0, at) + r.pick(['\u0000', '\ud800', '\udc00', '\u0007', '\n', '\u007f']) + valid.slice(at);
}

/** Any JSON value, nested a little. */
export function randomJson(r: Random, depth = 0): Json {
  const k = r.int(0, depth > 2 ? 4 : 6);
  switch (k) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick(NUMBERS);
    case 3:
      return hostileString(r);
    case 4:
      return r.int(-5, 5);
    case 5:
      return Array.from({ length: r.int(0, 4) }, () => randomJson(r, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: r.int(0, 4) }, () => [
          r.pick(['type', 'id', '__proto__', 'constructor', hostileString(r).slice(0, 30)]),
          randomJson(r, depth + 1),
        ]),
      );
  }
}

/** `[{}]` inside `[{}]` … `levels` deep (well under the 1 MiB body limit). */
export function deeplyNested(levels: number, leaf: Json = 1): Json {
  let v: Json = leaf;
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const ring = (): number[][] => [
  [108.921, 34.201],
  [108.929, 34.201],
  [108.929, 34.219],
  [108.921, 34.219],
  [108.921, 34.201],
];

/** A valid polygon inside the fixture's east community. */
export function validPolygon(): Json {
  return { type: 'Polygon', coordinates: [ring()] };
}

/** Broken GeoJSON geometry: unclosed rings, NaN-like strings, extreme numbers, wrong types, huge. */
export function brokenGeometry(r: Random): Json {
  const cases: (() => Json)[] = [
    () => ({ type: 'Polygon', coordinates: [ring().slice(0, 4)] }),
    () => ({
      type: 'Polygon',
      coordinates: [
        [
          [108.92, 34.2],
          [108.93, 34.2],
          [108.92, 34.2],
        ],
      ],
    }),
    () => ({ type: 'Polygon', coordinates: [ring().map(([x, y]) => [x === 108.921 ? 'NaN' : x, y] as Json)] }),
    () => ({ type: 'Polygon', coordinates: [ring().map(([, y]) => [1e308, y!])] }),
    () => ({ type: 'Polygon', coordinates: [ring().map(() => [-0, -0])] }),
    () => ({
      type: 'Polygon',
      coordinates: [
        [
          [181, 91],
          [-181, 91],
          [-181, -91],
          [181, 91],
        ],
      ],
    }),
    () => ({ type: r.pick(['Point', 'MultiPolygon', 'polygon', 'GeometryCollection', '', 'Feature']), coordinates: [ring()] }),
    () => ({ type: 'Polygon', coordinates: ring() as Json }),
    () => ({ type: 'Polygon', coordinates: [] }),
    () => ({ type: 'Polygon', coordinates: [[]] }),
    () => ({ type: 'Polygon' }),
    () => ({ type: 'Polygon', coordinates: 'POLYGON((0 0, 1 1))' }),
    // A bow tie: self-intersecting.
    () => ({
      type: 'Polygon',
      coordinates: [
        [
          [108.92, 34.2],
          [108.93, 34.21],
          [108.93, 34.2],
          [108.92, 34.21],
          [108.92, 34.2],
        ],
      ],
    }),
    () => ({
      type: 'Polygon',
      coordinates: [Array.from({ length: r.pick([2001, 30_000]) }, (_, i) => [108.92 + (i % 100) / 1e4, 34.2 + Math.floor(i / 100) / 1e4])],
    }),
    () => ({ type: 'Polygon', coordinates: [[[1, 2, 3, 4, 5], [1], [], [null, null]]] as Json }),
    () => deeplyNested(1000, [108.92, 34.2]),
    () => randomJson(r),
  ];
  return r.pick(cases)();
}

/** Known-good values by parameter or field name, so the other inputs of a request pass. */
const GOOD: Record<string, () => Json> = {
  region: () => '610198001002',
  regionCode: () => '610198001002',
  communityCode: () => '610198001002',
  code: () => '610198001002002',
  zoneCode: () => null,
  id: () => '2',
  fromPlanId: () => 1,
  version: () => 1,
  name: () => '模糊测试网格',
  purpose: () => '季度走访',
  username: () => 'nobody-fuzz',
  password: () => 'wrong-password',
  geometry: () => validPolygon(),
  limit: () => '10',
  from: () => '2025-01-01T00:00:00Z',
  to: () => '2030-01-01T00:00:00Z',
  action: () => 'auth.*',
  user: () => 'admin',
};

/** A plausible value for a schema (`name` is the property or parameter name, when known). */
export function validFor(schema: JsonSchema | undefined, name: string | undefined, resolve: (ref: string) => JsonSchema): Json {
  if (!schema) return null;
  if (schema.$ref) return validFor(resolve(schema.$ref), name, resolve);
  const good = name ? GOOD[name] : undefined;
  if (good) return good();
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0]!;
  if (schema.example !== undefined) return schema.example;
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) return validFor(alt[0], name, resolve);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, validFor(s, k, resolve)]));
    case 'array':
      return [validFor(schema.items, undefined, resolve)];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'string':
      return 'x';
    default:
      return null;
  }
}

/** Every path to a value inside `v` (the root is `[]`). */
function spots(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => spots(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) spots(x, [...at, k], out);
  return out;
}

/** A hostile replacement for one value: type confusion, hostile strings, broken geometry, huge arrays. */
export function hostileValue(r: Random, key: string | number | undefined): Json {
  if ((key === 'geometry' || key === 'grids') && r.chance(0.5))
    return key === 'grids'
      ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: brokenGeometry(r), properties: {} }] }
      : brokenGeometry(r);
  switch (r.int(0, 7)) {
    case 0:
    case 1:
    case 2:
      return hostileString(r);
    case 3:
      return r.pick(NUMBERS);
    case 4:
      return r.pick<Json>([null, true, false, [], {}, [1, 2], { type: 'Polygon' }, '']);
    case 5:
      return Array.from({ length: r.pick([1000, 20_000, 100_000]) }, () => r.pick([0, 'x', null]));
    case 6:
      return deeplyNested(r.pick([100, 1000]));
    default:
      return randomJson(r);
  }
}

/** `body` with one thing broken: a value replaced, a field dropped or added, or an array where an object goes. */
export function mutate(r: Random, body: Json): Json {
  const copy = structuredClone(body);
  const all = spots(copy);
  const at = r.pick(all);
  if (at.length === 0) return r.chance(0.5) ? hostileValue(r, undefined) : [copy];
  const parentPath = at.slice(0, -1);
  const key = at[at.length - 1]!;
  const parent = parentPath.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k]!, copy) as Record<string | number, Json>;
  switch (r.int(0, 5)) {
    case 0:
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case 1:
      if (!Array.isArray(parent))
        parent[r.pick(['extra', '__proto__', 'constructor', 'prototype', hostileString(r).slice(0, 20)])] = randomJson(r);
      else parent.push(randomJson(r));
      break;
    case 2:
      parent[key] = [parent[key] ?? null];
      break;
    case 3:
      parent[key] = typeof parent[key] === 'string' ? taint(r, parent[key]) : hostileValue(r, key);
      break;
    default:
      parent[key] = hostileValue(r, key);
  }
  return copy;
}

/** Percent-encodes a value for a URL, keeping what `encodeURIComponent` refuses (lone surrogates) as raw broken escapes. */
export function urlEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\ud800-\udfff]/g, '%ED%A0%80').replace(/[^A-Za-z0-9%]/g, (ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        return '%ED%A0%80';
      }
    });
  }
}

/** Raw URL fragments that are broken on their own: bad escapes, overlong UTF-8, encoded slashes. */
export const RAW_URL_VALUES = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '%2e%2e',
  '1%0D%0ASet-Cookie:x=1',
  '%FF%FE',
];
