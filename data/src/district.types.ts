/**
 * The shape of a generated district: everything the seeder writes into PostGIS.
 *
 * Coordinates are WGS84 / CGCS2000 longitude-latitude in degrees, `[lng, lat]` order as in
 * GeoJSON. Times are ISO 8601 strings in UTC. Household and person figures are counts.
 */
import type { LineString, Point, Polygon } from 'geojson';

export type DemoScale = 'default' | 'lianhu';

export type RegionLevel = 'district' | 'subdistrict' | 'community';

export interface RegionRecord {
  /** Statistical division code: 6 digits (district), 9 (subdistrict), 12 (community). */
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  boundary: Polygon;
}

export type StreetClass = 'arterial' | 'secondary' | 'branch' | 'lane';

export interface StreetRecord {
  id: number;
  name: string;
  class: StreetClass;
  geometry: LineString;
}

export type CompoundKind = 'residential' | 'school' | 'hospital' | 'enterprise' | 'park';

export interface CompoundRecord {
  id: number;
  name: string;
  kind: CompoundKind;
  communityCode: string;
  boundary: Polygon;
  builtYear: number;
}

export interface BuildingRecord {
  id: number;
  compoundId: number | null;
  communityCode: string;
  /** Label as posted on the building, e.g. "3号楼". */
  name: string;
  footprint: Polygon;
  floors: number;
  units: number;
  households: number;
  persons: number;
}

export type GridType = 'comprehensive' | 'dedicated';

export interface ZoneRecord {
  /** Community code + 2-digit zone serial. */
  code: string;
  communityCode: string;
  name: string;
}

export interface GridRecord {
  /** 15 digits: county (6) + subdistrict (3) + community (3) + serial (3). */
  code: string;
  name: string;
  type: GridType;
  communityCode: string;
  zoneCode: string | null;
  geometry: Polygon;
}

export type PlanStatus = 'draft' | 'submitted' | 'approved' | 'archived';

export interface PlanRecord {
  id: number;
  /** The region the plan covers (the district for the seeded current plan). */
  regionCode: string;
  name: string;
  status: PlanStatus;
  author: string;
  createdAt: string;
  approvedAt: string | null;
  grids: GridRecord[];
}

export interface StaffRecord {
  id: number;
  name: string;
  gender: 'F' | 'M';
  birthYear: number;
  /** Synthetic mobile number; real deployments mask it outside entitled roles. */
  phone: string;
}

/** Role keys of the N+5 model; display names are configuration in the database. */
export type StaffRoleKey = 'information_officer' | 'zone_manager' | 'assistant' | 'community_manager' | 'supervisor';

export interface StaffAssignmentRecord {
  staffId: number;
  role: StaffRoleKey;
  regionCode: string;
  zoneCode: string | null;
  gridCode: string | null;
}

export type IncidentState =
  'reported' | 'accepted' | 'voided' | 'registered' | 'dispatched' | 'in_progress' | 'feedback' | 'verified' | 'closed' | 'evaluated';

export type IncidentClosure = 'normal' | 'overdue' | 'erroneous' | 'special';

export interface IncidentTransitionRecord {
  state: IncidentState;
  at: string;
  actorStaffId: number | null;
  actorRole: string;
  location: Point | null;
  note: string | null;
}

export interface IncidentRecord {
  id: number;
  /** Case number as shown to staff. */
  code: string;
  category: string;
  channel: string;
  location: Point;
  reportedAt: string;
  state: IncidentState;
  closure: IncidentClosure | null;
  /** 1 grid, 2 community, 3 subdistrict, 4 district. */
  escalationLevel: number;
  reworkCount: number;
  deadlineAt: string | null;
  buildingId: number | null;
  transitions: IncidentTransitionRecord[];
}

export interface PatrolTrackRecord {
  id: number;
  staffId: number;
  gridCode: string;
  startedAt: string;
  endedAt: string;
  /** Flat `[lng, lat, epochSeconds, lng, lat, epochSeconds, …]`. */
  points: Float64Array;
}

export type VisitKind = 'routine' | 'difficulty' | 'elderly_alone';

export interface VisitRecord {
  id: number;
  staffId: number;
  buildingId: number;
  visitedAt: string;
  kind: VisitKind;
}

export type SpecialGroupCategory =
  | 'elderly_alone'
  | 'disabled'
  | 'low_income'
  | 'veteran'
  | 'released_prisoner'
  | 'community_correction'
  | 'drug_user'
  | 'mental_illness'
  | 'petitioner';

/** One row per person-category, linked to a building; no names in the demo. */
export interface SpecialGroupRecord {
  id: number;
  buildingId: number;
  category: SpecialGroupCategory;
  since: string;
}

export interface DistrictDataset {
  seed: number;
  scale: DemoScale;
  /** The day the generated history ends (incidents, patrols and visits lie before it). */
  referenceDate: string;
  synthetic: true;
  regions: RegionRecord[];
  streets: StreetRecord[];
  compounds: CompoundRecord[];
  buildings: BuildingRecord[];
  zones: ZoneRecord[];
  plans: PlanRecord[];
  staff: StaffRecord[];
  assignments: StaffAssignmentRecord[];
  incidents: IncidentRecord[];
  patrolTracks: PatrolTrackRecord[];
  visits: VisitRecord[];
  specialGroups: SpecialGroupRecord[];
}

export interface GenerateOptions {
  seed?: number;
  scale?: DemoScale;
  /** ISO date; defaults to a fixed day so the output is deterministic. */
  referenceDate?: string;
}
