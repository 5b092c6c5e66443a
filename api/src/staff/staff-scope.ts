/**
 * The region a roster request covers: the one asked for when it lies inside the caller's
 * jurisdiction; when it is an ancestor of their one jurisdiction (a community user asking for
 * the district, as the map does by default), that jurisdiction; otherwise a 403. Rosters are
 * personal data of the jurisdiction: never more than it.
 */
import type { Context } from 'hono';
import { currentUser, isInsideJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import type { AppEnv } from '../http/app-env.js';
import { forbidden } from '../http/http-error.js';

export interface RosterScope {
  districtCode: string;
  regionCode: string;
}

export async function rosterScope(c: Context<AppEnv>, region: string | undefined): Promise<RosterScope> {
  const user = currentUser(c);
  const resolved = await resolveRegionFor(c, region);
  if (isInsideJurisdiction(user.jurisdictions, resolved.code)) return { districtCode: resolved.districtCode, regionCode: resolved.code };
  const inside = user.jurisdictions.filter((j) => j.startsWith(resolved.code));
  if (inside.length === 1) return { districtCode: resolved.districtCode, regionCode: inside[0]! };
  throw forbidden(`region ${resolved.code} is wider than your jurisdiction: ask for one of ${user.jurisdictions.join(', ')}`);
}
