/**
 * What the soak's users know before the day starts, fetched through the API as the web app
 * would: sessions of the demo users, the district, its communities with their bboxes, the
 * reference date, incident categories, building centres for imports, and one draft per
 * planner (created by the soak, checked to save unchanged).
 */
import { createDraft, login, trySave, type Session } from './load-setup.js';

/** [west, south, east, north], degrees WGS84. */
export type Bbox = [number, number, number, number];

export interface PlannerDraft {
  id: number;
  version: number;
  regionCode: string;
  /** The draft's grids (the properties a save takes), edited in place by each save. */
  features: { type: 'Feature'; geometry: unknown; properties: { code: string; name: string; [k: string]: unknown } }[];
  /** Each grid's name as the draft started, so edits stay short. */
  baseNames: string[];
  saves: number;
}

export interface SoakWorld {
  sessions: { planner: Session; analyst: Session; leader: Session; worker: Session };
  districtCode: string;
  districtBbox: Bbox;
  communities: { code: string; bbox: Bbox }[];
  /** The district's reference date, YYYY-MM-DD (Asia/Shanghai): the demo's "today". */
  referenceDate: string;
  categories: string[];
  /** [lng, lat] degrees WGS84 of building centres, where imported incidents are placed. */
  buildingCentres: [number, number][];
  drafts: PlannerDraft[];
}

async function getJson<T>(url: string, session: Session): Promise<T> {
  const res = await fetch(url, { headers: { cookie: session.cookie } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

/** Mean of a polygon's outer ring vertices: inside the small, convex-ish demo buildings. */
function ringCentre(geometry: { type: string; coordinates: unknown }): [number, number] | null {
  const ring =
    geometry.type === 'Polygon'
      ? (geometry.coordinates as number[][][])[0]
      : geometry.type === 'MultiPolygon'
        ? (geometry.coordinates as number[][][][])[0]?.[0]
        : undefined;
  if (!ring || ring.length < 4) return null;
  const pts = ring.slice(0, -1);
  return [pts.reduce((s, p) => s + p[0]!, 0) / pts.length, pts.reduce((s, p) => s + p[1]!, 0) / pts.length];
}

export async function prepareWorld(url: string, password: string, planners: number): Promise<SoakWorld> {
  const [planner, analyst, leader, worker] = await Promise.all(
    ['planner', 'analyst', 'leader', 'worker'].map((u) => login(url, u, password)),
  );
  const sessions = { planner: planner!, analyst: analyst!, leader: leader!, worker: worker! };
  const { regions } = await getJson<{ regions: { code: string; level: string; bbox: Bbox }[] }>(`${url}/api/regions`, sessions.leader);
  const district = regions.find((r) => r.level === 'district');
  const communities = regions.filter((r) => r.level === 'community').map((r) => ({ code: r.code, bbox: r.bbox }));
  if (!district || communities.length === 0) throw new Error('GET /api/regions listed no district or no community');
  const meta = await getJson<{ referenceDate: string | null }>(`${url}/api/meta`, sessions.leader);
  if (!meta.referenceDate) throw new Error('the demo district has no reference date');
  const series = await getJson<{ categories: string[] }>(`${url}/api/analytics/incidents/series?interval=month`, sessions.analyst);
  const buildingCentres: [number, number][] = [];
  for (const c of communities.slice(0, 6)) {
    const fc = await getJson<{ features: { geometry: { type: string; coordinates: unknown } }[] }>(
      `${url}/api/layers/buildings?region=${c.code}`,
      sessions.leader,
    );
    for (const f of fc.features) {
      const p = ringCentre(f.geometry);
      if (p) buildingCentres.push(p);
    }
  }
  if (buildingCentres.length === 0) throw new Error('no building to place imported incidents in');
  const drafts: PlannerDraft[] = [];
  for (const c of communities) {
    if (drafts.length === planners) break;
    const draft = await createDraft(url, sessions.planner, c.code, `soak ${new Date().toISOString().slice(0, 16)} ${c.code}`);
    if ((await trySave(url, sessions.planner, draft)) !== null) continue;
    const features = (JSON.parse(draft.gridsJson) as { features: PlannerDraft['features'] }).features;
    if (features.length === 0) continue;
    drafts.push({
      id: draft.id,
      version: draft.version,
      regionCode: c.code,
      features,
      baseNames: features.map((f) => f.properties.name),
      saves: 0,
    });
  }
  if (drafts.length < planners) throw new Error(`only ${drafts.length} of ${planners} communities have a draft that saves unchanged`);
  return {
    sessions,
    districtCode: district.code,
    districtBbox: district.bbox,
    communities,
    referenceDate: meta.referenceDate,
    categories: series.categories,
    buildingCentres,
    drafts,
  };
}
