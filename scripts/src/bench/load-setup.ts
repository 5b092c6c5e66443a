/**
 * What the load mix needs before it starts, fetched through the API as a browser would:
 * demo users' sessions (cookie + CSRF token), community codes, the approved plan's id and
 * small drafts (one community each) whose grids the saves re-send.
 */
export interface Session {
  username: string;
  cookie: string;
  csrf: string;
}

export interface Draft {
  id: number;
  /** The draft's grids as JSON text, re-sent unchanged by every save. */
  gridsJson: string;
  /** The newest version a save has seen (updated from 200 and 409 answers). */
  version: number;
}

export async function login(url: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`);
  const cookies = new Map(res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
  const session = cookies.get('ga_session');
  const csrf = cookies.get('ga_csrf');
  if (!session || !csrf) throw new Error(`login as ${username}: no ga_session/ga_csrf cookie`);
  return { username, cookie: `ga_session=${session}; ga_csrf=${csrf}`, csrf };
}

async function getJson<T>(url: string, session: Session): Promise<T> {
  const res = await fetch(url, { headers: { cookie: session.cookie } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function communityCodes(url: string, session: Session): Promise<string[]> {
  const body = await getJson<{ regions: { code: string; level: string }[] }>(`${url}/api/regions`, session);
  const codes = body.regions.filter((r) => r.level === 'community').map((r) => r.code);
  if (codes.length === 0) throw new Error('GET /api/regions listed no community');
  return codes;
}

/**
 * The approved plan's id, through the API (which lists no plans, and the embedded database
 * cannot be opened beside the server): the plan that first issued a grid in force, checked approved.
 */
export async function approvedPlanId(url: string, session: Session, communityCode: string): Promise<number> {
  const grids = await getJson<{ features: { properties: { code: string } }[] }>(`${url}/api/layers/grids?region=${communityCode}`, session);
  const code = grids.features[0]?.properties.code;
  if (!code) throw new Error(`community ${communityCode} has no grid in force`);
  const issued = await getJson<{ firstPlanId: number }>(`${url}/api/grid-codes/${code}`, session);
  const plan = await getJson<{ plan: { status: string } }>(`${url}/api/plans/${issued.firstPlanId}`, session);
  if (plan.plan.status !== 'approved')
    throw new Error(`plan ${issued.firstPlanId}, which issued grid ${code}, is ${plan.plan.status}, not approved`);
  return issued.firstPlanId;
}

export async function createDraft(url: string, planner: Session, regionCode: string, name: string): Promise<Draft> {
  const res = await fetch(`${url}/api/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: planner.cookie, 'x-csrf-token': planner.csrf },
    body: JSON.stringify({ regionCode, name }),
  });
  if (res.status !== 201) throw new Error(`POST /api/plans: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: number };
  const plan = await getJson<{
    plan: { version: number };
    grids: { features: { type: string; geometry: unknown; properties: Record<string, unknown> }[] };
  }>(`${url}/api/plans/${id}`, planner);
  // Only what a save accepts: the read adds counts to each grid's properties.
  const features = plan.grids.features.map((f) => ({
    type: 'Feature',
    geometry: f.geometry,
    properties: {
      code: f.properties.code,
      name: f.properties.name,
      type: f.properties.type,
      communityCode: f.properties.communityCode,
      zoneCode: f.properties.zoneCode ?? null,
    },
  }));
  return { id, version: plan.plan.version, gridsJson: JSON.stringify({ type: 'FeatureCollection', features }) };
}

/**
 * Saves the draft once, unchanged, as the load will: the answer when that fails (e.g. a 422
 * because the approved grids it copied overlap), or null when it saved.
 */
export async function trySave(url: string, planner: Session, draft: Draft): Promise<string | null> {
  const res = await fetch(`${url}/api/plans/${draft.id}/grids`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: planner.cookie, 'x-csrf-token': planner.csrf },
    body: `{"version":${draft.version},"grids":${draft.gridsJson}}`,
  });
  const text = await res.text();
  if (res.status !== 200) return `${res.status} ${text.slice(0, 400)}`;
  draft.version = (JSON.parse(text) as { plan: { version: number } }).plan.version;
  return null;
}
