/**
 * A hand-built district small enough to know every answer: 1 district, 1 subdistrict,
 * 2 communities, 3 current grids (one ok, one under-filled, one over the cap), 6 buildings,
 * a draft plan that must not show as current, and a little history. Coordinates are
 * degrees WGS84 around Xi'an; rectangles make "which grid holds which building" obvious.
 */
import type { DistrictDataset, RegionRecord } from '../seed/dataset.types.js';

type Polygon = RegionRecord['boundary'];

/** Axis-aligned rectangle, `[lng, lat]` corners in degrees, counter-clockwise. */
export function rect(west: number, south: number, east: number, north: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

/** A 0.0004° square building footprint centred on `[lng, lat]`. */
function footprint(lng: number, lat: number): Polygon {
  return rect(lng - 0.0002, lat - 0.0002, lng + 0.0002, lat + 0.0002);
}

export const TINY_DISTRICT_CODE = '610198';
export const TINY_SUBDISTRICT_CODE = '610198001';
export const TINY_COMMUNITY_WEST = '610198001001';
export const TINY_COMMUNITY_EAST = '610198001002';

export const tinyDistrict: DistrictDataset = {
  seed: 0,
  scale: 'default',
  referenceDate: '2025-06-30',
  synthetic: true,
  regions: [
    { code: '610198', name: '测试区', level: 'district', parentCode: null, boundary: rect(108.9, 34.2, 108.94, 34.22) },
    { code: '610198001', name: '测试街道', level: 'subdistrict', parentCode: '610198', boundary: rect(108.9, 34.2, 108.94, 34.22) },
    { code: '610198001001', name: '西社区', level: 'community', parentCode: '610198001', boundary: rect(108.9, 34.2, 108.92, 34.22) },
    { code: '610198001002', name: '东社区', level: 'community', parentCode: '610198001', boundary: rect(108.92, 34.2, 108.94, 34.22) },
  ],
  streets: [
    {
      id: 1,
      name: '横一路',
      class: 'arterial',
      geometry: {
        type: 'LineString',
        coordinates: [
          [108.9, 34.21],
          [108.94, 34.21],
        ],
      },
    },
    {
      id: 2,
      name: '纵一路',
      class: 'secondary',
      geometry: {
        type: 'LineString',
        coordinates: [
          [108.92, 34.2],
          [108.92, 34.22],
        ],
      },
    },
    {
      id: 3,
      name: '西巷',
      class: 'lane',
      geometry: {
        type: 'LineString',
        coordinates: [
          [108.91, 34.2],
          [108.91, 34.22],
        ],
      },
    },
    {
      id: 4,
      name: '东巷',
      class: 'lane',
      geometry: {
        type: 'LineString',
        coordinates: [
          [108.935, 34.2],
          [108.935, 34.205],
        ],
      },
    },
  ],
  compounds: [
    {
      id: 1,
      name: '西苑小区',
      kind: 'residential',
      communityCode: '610198001001',
      boundary: rect(108.903, 34.203, 108.907, 34.217),
      builtYear: 1998,
    },
    {
      id: 2,
      name: '东苑小区',
      kind: 'residential',
      communityCode: '610198001002',
      boundary: rect(108.923, 34.203, 108.937, 34.217),
      builtYear: 2012,
    },
  ],
  buildings: [
    {
      id: 1,
      compoundId: 1,
      communityCode: '610198001001',
      name: '1号楼',
      footprint: footprint(108.905, 34.205),
      floors: 6,
      units: 3,
      households: 120,
      persons: 350,
    },
    {
      id: 2,
      compoundId: 1,
      communityCode: '610198001001',
      name: '2号楼',
      footprint: footprint(108.905, 34.215),
      floors: 11,
      units: 4,
      households: 200,
      persons: 560,
    },
    {
      id: 3,
      compoundId: null,
      communityCode: '610198001001',
      name: '3号楼',
      footprint: footprint(108.915, 34.212),
      floors: 4,
      units: 2,
      households: 60,
      persons: 150,
    },
    {
      id: 4,
      compoundId: 2,
      communityCode: '610198001002',
      name: '1号楼',
      footprint: footprint(108.925, 34.205),
      floors: 18,
      units: 2,
      households: 250,
      persons: 900,
    },
    {
      id: 5,
      compoundId: 2,
      communityCode: '610198001002',
      name: '2号楼',
      footprint: footprint(108.935, 34.215),
      floors: 18,
      units: 2,
      households: 200,
      persons: 700,
    },
    {
      id: 6,
      compoundId: null,
      communityCode: '610198001002',
      name: '6号楼',
      footprint: footprint(108.93, 34.208),
      floors: 2,
      units: 1,
      households: 10,
      persons: 30,
    },
  ],
  zones: [{ code: '61019800100101', communityCode: '610198001001', name: '第一片' }],
  plans: [
    {
      id: 1,
      regionCode: '610198',
      name: '现行网格',
      status: 'approved',
      author: 'seed',
      createdAt: '2025-01-01T00:00:00Z',
      approvedAt: '2025-01-15T00:00:00Z',
      grids: [
        {
          code: '610198001001001',
          name: '西一网格',
          type: 'comprehensive',
          communityCode: '610198001001',
          zoneCode: '61019800100101',
          geometry: rect(108.9, 34.2, 108.91, 34.22),
        },
        {
          code: '610198001001002',
          name: '西二网格',
          type: 'comprehensive',
          communityCode: '610198001001',
          zoneCode: '61019800100101',
          geometry: rect(108.91, 34.2, 108.92, 34.22),
        },
        {
          code: '610198001002001',
          name: '东一网格',
          type: 'comprehensive',
          communityCode: '610198001002',
          zoneCode: null,
          geometry: rect(108.92, 34.2, 108.94, 34.22),
        },
      ],
    },
    {
      id: 2,
      regionCode: '610198001002',
      name: '东社区调整草案',
      status: 'draft',
      author: 'planner',
      createdAt: '2025-05-01T00:00:00Z',
      approvedAt: null,
      grids: [
        {
          code: '610198001002002',
          name: '东二网格',
          type: 'comprehensive',
          communityCode: '610198001002',
          zoneCode: null,
          geometry: rect(108.92, 34.2, 108.93, 34.22),
        },
        {
          code: '610198001002003',
          name: '东三网格',
          type: 'comprehensive',
          communityCode: '610198001002',
          zoneCode: null,
          geometry: rect(108.93, 34.2, 108.94, 34.22),
        },
      ],
    },
  ],
  staff: [
    { id: 1, name: '张伟', gender: 'M', birthYear: 1985, phone: '13800000001' },
    { id: 2, name: '李娜', gender: 'F', birthYear: 1990, phone: '13800000002' },
  ],
  assignments: [
    { staffId: 1, role: 'information_officer', regionCode: '610198001001', zoneCode: '61019800100101', gridCode: '610198001001001' },
    { staffId: 2, role: 'community_manager', regionCode: '610198001002', zoneCode: null, gridCode: null },
  ],
  incidents: [
    {
      id: 1,
      code: 'SJ2025000001',
      category: 'environment',
      channel: 'patrol',
      location: { type: 'Point', coordinates: [108.905, 34.206] },
      reportedAt: '2025-03-01T02:00:00Z',
      state: 'closed',
      closure: 'normal',
      escalationLevel: 1,
      reworkCount: 0,
      deadlineAt: '2025-03-03T02:00:00Z',
      buildingId: 1,
      transitions: [
        {
          state: 'reported',
          at: '2025-03-01T02:00:00Z',
          actorStaffId: 1,
          actorRole: 'information_officer',
          location: { type: 'Point', coordinates: [108.905, 34.206] },
          note: null,
        },
        { state: 'closed', at: '2025-03-02T02:00:00Z', actorStaffId: 2, actorRole: 'community_manager', location: null, note: '已处理' },
      ],
    },
    {
      id: 2,
      code: 'SJ2025000002',
      category: 'dispute',
      channel: 'hotline',
      location: { type: 'Point', coordinates: [108.93, 34.21] },
      reportedAt: '2025-04-01T02:00:00Z',
      state: 'dispatched',
      closure: null,
      escalationLevel: 2,
      reworkCount: 1,
      deadlineAt: '2025-04-05T02:00:00Z',
      buildingId: null,
      transitions: [
        { state: 'reported', at: '2025-04-01T02:00:00Z', actorStaffId: null, actorRole: 'resident', location: null, note: null },
      ],
    },
  ],
  patrolTracks: [
    {
      id: 1,
      staffId: 1,
      gridCode: '610198001001001',
      startedAt: '2025-06-01T01:00:00Z',
      endedAt: '2025-06-01T01:10:00Z',
      points: new Float64Array([108.901, 34.201, 1748739600, 108.905, 34.21, 1748739900, 108.909, 34.219, 1748740200]),
    },
    {
      id: 2,
      staffId: 1,
      gridCode: '610198001001001',
      startedAt: '2025-06-02T01:00:00Z',
      endedAt: '2025-06-02T01:00:00Z',
      points: new Float64Array([108.902, 34.202, 1748826000]),
    },
  ],
  visits: [{ id: 1, staffId: 1, buildingId: 1, visitedAt: '2025-06-03T03:00:00Z', kind: 'routine' }],
  specialGroups: [
    { id: 1, buildingId: 1, category: 'elderly_alone', since: '2020-01-01' },
    { id: 2, buildingId: 1, category: 'disabled', since: '2021-05-01' },
    { id: 3, buildingId: 4, category: 'veteran', since: '2019-09-01' },
  ],
};
