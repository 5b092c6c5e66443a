/** Finding a district's building from a registry-style key: its code, else its address, else a name only one building has. */
import type { Db } from '../../db/db.types.js';
import { addressKey } from './address-key.js';

export interface KeyedBuilding {
  id: number;
  code: string | null;
  address: string | null;
  name: string;
  households: number;
  persons: number;
  source: string;
}

export async function buildingKeys(
  db: Db,
  dc: string,
): Promise<{ buildings: KeyedBuilding[]; find: (key: string) => KeyedBuilding | undefined }> {
  const buildings = (
    await db.query<KeyedBuilding>(
      `SELECT id, code, address, name, households, persons, households_source AS source FROM buildings WHERE district_code = $1`,
      [dc],
    )
  ).rows;
  const byKey = new Map<string, KeyedBuilding>();
  const names = new Map<string, KeyedBuilding | null>();
  for (const b of buildings) {
    const n = addressKey(b.name);
    names.set(n, names.has(n) ? null : b);
  }
  // Later sets win: codes over addresses over names.
  for (const [k, b] of names) if (b) byKey.set(k, b);
  for (const b of buildings) if (b.address) byKey.set(addressKey(b.address), b);
  for (const b of buildings) if (b.code) byKey.set(addressKey(b.code), b);
  return { buildings, find: (key) => byKey.get(addressKey(key)) };
}
