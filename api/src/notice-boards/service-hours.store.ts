/**
 * Service hours in the database (migration 0042): the district's text, a community's override,
 * and what a board of a region posts — the community's override, else the district's text, else
 * the built-in default. Writes run inside the caller's transaction.
 */
import type { Db } from '../db/db.types.js';
import type { ServiceHours, ServiceHoursText, StoredServiceHours } from './service-hours.schemas.js';

/** Posted when nobody has set any: office hours of a community service station. */
export const DEFAULT_SERVICE_HOURS: ServiceHoursText = {
  zh: '周一至周五 8:30–12:00，14:30–18:00',
  en: 'Mon–Fri 8:30–12:00, 14:30–18:00',
};

interface Row {
  region_code: string;
  zh: string;
  en: string;
  updated_by: string;
  updated_at: Date | string;
}

const stored = (r: Row | undefined): StoredServiceHours | null =>
  r ? { regionCode: r.region_code, zh: r.zh, en: r.en, updatedBy: r.updated_by, updatedAt: new Date(r.updated_at).toISOString() } : null;

/** The service hours of `region` (a district, subdistrict, community or grid code). */
export async function serviceHoursOf(db: Db, region: string): Promise<ServiceHours> {
  const districtCode = region.slice(0, 6);
  const community = region.length >= 12 ? region.slice(0, 12) : null;
  const r = await db.query<Row>(
    `SELECT region_code, zh, en, updated_by, updated_at FROM service_hours WHERE district_code = $1 AND region_code = ANY ($2::text[])`,
    [districtCode, community ? [districtCode, community] : [districtCode]],
  );
  const district = stored(r.rows.find((x) => x.region_code === districtCode));
  const own = community ? stored(r.rows.find((x) => x.region_code === community)) : null;
  const pick = own ?? district;
  return {
    region,
    district,
    community: own,
    effective: pick
      ? { zh: pick.zh, en: pick.en, source: own ? 'community' : 'district' }
      : { ...DEFAULT_SERVICE_HOURS, source: 'default' },
  };
}

/** Sets the district's text or a community's override; answers what was there before (null: nothing). */
export async function writeServiceHours(db: Db, region: string, text: ServiceHoursText, by: string): Promise<StoredServiceHours | null> {
  const districtCode = region.slice(0, 6);
  const before = await db.query<Row>(
    'SELECT region_code, zh, en, updated_by, updated_at FROM service_hours WHERE district_code = $1 AND region_code = $2 FOR UPDATE',
    [districtCode, region],
  );
  await db.query(
    `INSERT INTO service_hours (district_code, region_code, zh, en, updated_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (district_code, region_code) DO UPDATE SET zh = excluded.zh, en = excluded.en, updated_by = excluded.updated_by, updated_at = now()`,
    [districtCode, region, text.zh, text.en, by],
  );
  return stored(before.rows[0]);
}

/** Removes the district's text (back to the default) or a community's override (back to the district's); answers what it removed. */
export async function clearServiceHours(db: Db, region: string): Promise<StoredServiceHours | null> {
  const r = await db.query<Row>(
    'DELETE FROM service_hours WHERE district_code = $1 AND region_code = $2 RETURNING region_code, zh, en, updated_by, updated_at',
    [region.slice(0, 6), region],
  );
  return stored(r.rows[0]);
}
