/**
 * A district's basemap settings (`district_basemaps`, migration 0030). A district without a
 * row shows the offline style.
 */
import type { Db } from '../db/db.types.js';
import type { BasemapKind, BasemapSettings, BasemapSettingsUpdate } from './basemap.schemas.js';

interface Row {
  defaultBasemap: BasemapKind;
  pmtilesFile: string | null;
  pmtilesAttribution: string | null;
  tiandituKey: string | null;
  tiandituReviewNumber: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Where the browser reads a file of the basemap folder. */
export const pmtilesUrl = (file: string): string => `/api/basemaps/files/${encodeURIComponent(file)}`;

/** OpenStreetMap-derived archives (Protomaps builds) need this credit unless the admin names another. */
export const DEFAULT_PMTILES_ATTRIBUTION = '© OpenStreetMap contributors';

export async function readBasemapSettings(db: Db, districtCode: string): Promise<BasemapSettings> {
  const r = await db.query<Row>(
    `SELECT default_basemap AS "defaultBasemap", pmtiles_file AS "pmtilesFile", pmtiles_attribution AS "pmtilesAttribution",
       tianditu_key AS "tiandituKey", tianditu_review_number AS "tiandituReviewNumber",
       to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt", updated_by AS "updatedBy"
     FROM district_basemaps WHERE district_code = $1`,
    [districtCode],
  );
  const row = r.rows[0];
  return {
    districtCode,
    defaultBasemap: row?.defaultBasemap ?? 'offline',
    pmtiles: row?.pmtilesFile
      ? { file: row.pmtilesFile, url: pmtilesUrl(row.pmtilesFile), attribution: row.pmtilesAttribution || DEFAULT_PMTILES_ATTRIBUTION }
      : null,
    tianditu: row?.tiandituKey && row.tiandituReviewNumber ? { key: row.tiandituKey, reviewNumber: row.tiandituReviewNumber } : null,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

export async function writeBasemapSettings(db: Db, s: BasemapSettingsUpdate, by: string): Promise<void> {
  await db.query(
    `INSERT INTO district_basemaps (district_code, default_basemap, pmtiles_file, pmtiles_attribution, tianditu_key,
       tianditu_review_number, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, now(), $7)
     ON CONFLICT (district_code) DO UPDATE SET
       default_basemap = excluded.default_basemap, pmtiles_file = excluded.pmtiles_file,
       pmtiles_attribution = excluded.pmtiles_attribution, tianditu_key = excluded.tianditu_key,
       tianditu_review_number = excluded.tianditu_review_number, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by`,
    [
      s.districtCode,
      s.defaultBasemap,
      s.pmtiles?.file ?? null,
      s.pmtiles?.attribution || null,
      s.tianditu?.key ?? null,
      s.tianditu?.reviewNumber ?? null,
      by,
    ],
  );
}

/** District codes whose settings name each file. */
export async function filesInUse(db: Db): Promise<Map<string, string[]>> {
  const r = await db.query<{ file: string; districts: string[] }>(
    `SELECT pmtiles_file AS file, array_agg(district_code::text ORDER BY district_code) AS districts
     FROM district_basemaps WHERE pmtiles_file IS NOT NULL GROUP BY pmtiles_file`,
  );
  return new Map(r.rows.map((row) => [row.file, row.districts]));
}
