/**
 * Briefings in the database: read one with its slides for a user (`loadBriefing`, which the
 * report exports use too), list those a user may see, and the locked read + version check +
 * bump every write goes through. A briefing is visible to a user whose jurisdiction covers its
 * region (a community's briefing to the community, its subdistrict and its district), never
 * to one whose jurisdiction is only part of it.
 */
import { insideJurisdiction, isInsideJurisdiction } from '../auth/jurisdiction.js';
import type { SessionUser } from '../auth/session-user.js';
import type { Db } from '../db/db.types.js';
import { forbidden, HttpError, notFound } from '../http/http-error.js';
import {
  BriefingViewSchema,
  type Briefing,
  type BriefingConflictDetail,
  type BriefingSlide,
  type BriefingSummary,
} from './briefings.schemas.js';

/** Who asks: enough of the session user to apply jurisdiction and the edit permission. */
export type BriefingReader = Pick<SessionUser, 'jurisdictions' | 'permissions'>;

export interface BriefingRow {
  id: number;
  districtCode: string;
  regionCode: string;
  version: number;
}

const COLUMNS = `b.id::int AS id, b.district_code AS "districtCode", b.region_code AS "regionCode",
  coalesce(r.name, b.region_code) AS "regionName", b.title, to_char(b.pinned_as_of, 'YYYY-MM-DD') AS "pinnedAsOf",
  b.created_by AS "createdBy", b.created_at AS "createdAt", b.updated_by AS "updatedBy", b.updated_at AS "updatedAt", b.version`;
const FROM = `briefings b LEFT JOIN regions r ON r.district_code = b.district_code AND r.code = b.region_code`;

type Row = Omit<BriefingSummary, 'editable' | 'slideCount' | 'createdAt' | 'updatedAt'> & {
  createdAt: Date | string;
  updatedAt: Date | string;
};

function toFields(row: Row, user: BriefingReader) {
  return {
    ...row,
    districtCode: row.districtCode.trim(),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    editable: user.permissions.includes('briefings.edit') && isInsideJurisdiction(user.jurisdictions, row.regionCode),
  };
}

/**
 * The briefing `id` with its slides in order, as `user` may see it: a 404 when there is none,
 * a 403 when its region is outside the user's jurisdiction. Works inside a transaction too.
 *
 * @example const briefing = await loadBriefing(db, 12, currentUser(c)); // briefing.slides[0].view.camera
 */
export async function loadBriefing(db: Db, id: number, user: BriefingReader): Promise<Briefing> {
  const r = await db.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE b.id = $1::bigint`, [id]);
  const row = r.rows[0];
  if (!row) throw notFound(`no briefing with id ${id}`);
  if (!isInsideJurisdiction(user.jurisdictions, row.regionCode)) {
    throw forbidden(`briefing ${id} belongs to region ${row.regionCode}, outside your jurisdiction`);
  }
  const slides = await db.query<Omit<BriefingSlide, 'view'> & { view: unknown }>(
    `SELECT id::int AS id, position, title, note, view FROM briefing_slides
      WHERE district_code = $1 AND briefing_id = $2::bigint ORDER BY position`,
    [row.districtCode, id],
  );
  return {
    ...toFields(row, user),
    // Parsed again on the way out: a row written by an older schema fails loudly here, not in a map.
    slides: slides.rows.map((s) => ({ ...s, view: BriefingViewSchema.parse(typeof s.view === 'string' ? JSON.parse(s.view) : s.view) })),
  };
}

/** Briefings whose region lies inside the user's jurisdiction, optionally only those inside `region`; newest first. */
export async function listBriefings(db: Db, user: BriefingReader, region: string | null): Promise<BriefingSummary[]> {
  const r = await db.query<Row & { slideCount: number }>(
    `SELECT ${COLUMNS},
       (SELECT count(*)::int FROM briefing_slides s WHERE s.district_code = b.district_code AND s.briefing_id = b.id) AS "slideCount"
       FROM ${FROM}
      WHERE ${insideJurisdiction('b.region_code', '$1')} AND ($2::text IS NULL OR b.region_code LIKE $2 || '%')
      ORDER BY b.updated_at DESC, b.id DESC`,
    [user.jurisdictions, region],
  );
  return r.rows.map((row) => ({ ...toFields(row, user), slideCount: row.slideCount }));
}

/**
 * The write path's first step, inside its transaction: the briefing row locked, the caller
 * allowed to edit it (403 outside the jurisdiction), and the version they edited still the
 * current one (409 telling who changed it and what to do).
 */
export async function lockForWrite(tx: Db, id: number, user: BriefingReader, version: number): Promise<BriefingRow> {
  const r = await tx.query<BriefingRow & { updatedBy: string; updatedAt: Date | string }>(
    `SELECT id::int AS id, district_code AS "districtCode", region_code AS "regionCode", version,
            updated_by AS "updatedBy", updated_at AS "updatedAt"
       FROM briefings WHERE id = $1::bigint FOR UPDATE`,
    [id],
  );
  const row = r.rows[0];
  if (!row) throw notFound(`no briefing with id ${id}: it may have been deleted`);
  if (!isInsideJurisdiction(user.jurisdictions, row.regionCode)) {
    throw forbidden(`briefing ${id} belongs to region ${row.regionCode}, outside your jurisdiction`);
  }
  if (row.version !== version) {
    const updatedAt = new Date(row.updatedAt).toISOString();
    const details: BriefingConflictDetail = { currentVersion: row.version, yourVersion: version, updatedBy: row.updatedBy, updatedAt };
    throw new HttpError(
      409,
      'conflict',
      `${row.updatedBy} changed this briefing at ${updatedAt} after you opened it (version ${row.version}, yours ${version}): ` +
        'reload it to see their changes, then make yours again',
      details,
    );
  }
  return { ...row, districtCode: row.districtCode.trim() };
}

/** Marks a write: one version more, who and when. */
export async function bumpVersion(tx: Db, row: BriefingRow, username: string): Promise<void> {
  await tx.query(
    `UPDATE briefings SET version = version + 1, updated_by = $3, updated_at = now() WHERE district_code = $1 AND id = $2::bigint`,
    [row.districtCode, row.id, username],
  );
}
