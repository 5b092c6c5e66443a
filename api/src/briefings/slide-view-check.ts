/**
 * The checks of a slide's view that need the database and the briefing, after the schema's
 * (layer keys, period, camera ranges): its region exists, lies inside the caller's
 * jurisdiction (403 otherwise, as every region request) and inside the briefing's region —
 * everyone who may see the briefing may see every slide of it.
 */
import { isInsideJurisdiction } from '../auth/jurisdiction.js';
import type { Db } from '../db/db.types.js';
import { forbidden, HttpError } from '../http/http-error.js';
import type { BriefingView } from './briefings.schemas.js';

export async function checkSlideView(
  db: Db,
  view: BriefingView,
  briefing: { districtCode: string; regionCode: string },
  jurisdictions: readonly string[],
): Promise<void> {
  const region = view.regionCode;
  if (!isInsideJurisdiction(jurisdictions, region)) throw forbidden(`region ${region} of the view is outside your jurisdiction`);
  if (!region.startsWith(briefing.regionCode)) {
    throw new HttpError(
      400,
      'bad_request',
      `the view's region ${region} is outside the briefing's region ${briefing.regionCode}: ` +
        'everyone who sees the briefing must be able to see each slide; save it in a briefing of a region that holds it',
    );
  }
  const r = await db.query('SELECT 1 FROM regions WHERE district_code = $1 AND code = $2', [briefing.districtCode, region]);
  if (r.rows.length === 0)
    throw new HttpError(400, 'bad_request', `the view's region ${region} does not exist in district ${briefing.districtCode}`);
}
