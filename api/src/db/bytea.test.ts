import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { parseBytea, serializeBytea } from './pglite.adapter.js';

const asBytes = (v: unknown): number[] => Array.from(v as Uint8Array);

describe.each(BACKENDS)('bytea on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'bare');
  });
  afterAll(async () => t.close());

  it('comes back byte for byte: every byte value, empty, 2 MB, and a view into a larger buffer', async () => {
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    const big = new Uint8Array(randomBytes(2 * 1024 * 1024));
    const pool = new Uint8Array(64).map((_, i) => 255 - i);
    const view = pool.subarray(5, 21); // byteOffset 5: only these 16 bytes go
    for (const sent of [every, new Uint8Array(0), big, view]) {
      const r = await t.db.query<{ b: Uint8Array; n: number; md5: string }>(
        'SELECT $1::bytea AS b, octet_length($1::bytea) AS n, md5($1::bytea) AS md5',
        [sent],
      );
      const { b, n, md5 } = r.rows[0]!;
      expect(b).toBeInstanceOf(Uint8Array);
      expect(n).toBe(sent.byteLength);
      expect(b.byteLength).toBe(sent.byteLength);
      expect(Buffer.from(b).equals(Buffer.from(sent))).toBe(true);
      expect(md5).toBe(createHash('md5').update(sent).digest('hex'));
    }
  });

  it('reads what SQL wrote and writes what SQL reads', async () => {
    const r = await t.db.query<{ b: Uint8Array }>(`SELECT decode('00ff10ab', 'hex') AS b`);
    expect(asBytes(r.rows[0]!.b)).toEqual([0x00, 0xff, 0x10, 0xab]);
    const w = await t.db.query<{ hex: string }>(`SELECT encode($1::bytea, 'hex') AS hex`, [Uint8Array.of(1, 2, 254)]);
    expect(w.rows[0]!.hex).toBe('0102fe');
  });
});

describe('the embedded database’s bytea text form', () => {
  it('parses hex text and refuses another form', () => {
    expect(asBytes(parseBytea('\\x00ff7f'))).toEqual([0, 255, 127]);
    expect(parseBytea('\\x')).toEqual(new Uint8Array(0));
    expect(() => parseBytea('abc')).toThrow(/unexpected text form/);
  });

  it('serialises only bytes, from their view', () => {
    expect(serializeBytea(Uint8Array.of(0, 171))).toBe('\\x00ab');
    expect(serializeBytea(Uint8Array.of(9, 1, 2, 9).subarray(1, 3))).toBe('\\x0102');
    expect(() => serializeBytea('0102')).toThrow(/bytea/);
  });
});
