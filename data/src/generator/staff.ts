/**
 * The staff roster after the N+5 model: per grid an information officer (grid worker), per
 * zone a dedicated manager, per community assistants and a manager, per subdistrict a
 * supervisor.
 */
import type { Random } from '@gridatlas/core';
import type { GridRecord, RegionRecord, StaffAssignmentRecord, StaffRecord, StaffRoleKey, ZoneRecord } from '../district.types.js';
import { personName } from './names.js';

export interface Roster {
  staff: StaffRecord[];
  assignments: StaffAssignmentRecord[];
  workerOfGrid: Map<string, number>;
  managerOfZone: Map<string, number>;
  managerOfCommunity: Map<string, number>;
  supervisorOfSubdistrict: Map<string, number>;
}

export function buildRoster(rng: Random, regions: RegionRecord[], zones: ZoneRecord[], grids: GridRecord[]): Roster {
  const staff: StaffRecord[] = [];
  const assignments: StaffAssignmentRecord[] = [];
  const hire = (
    role: StaffRoleKey,
    regionCode: string,
    zoneCode: string | null,
    gridCode: string | null,
    age: [number, number],
  ): number => {
    const id = staff.length + 1;
    staff.push({
      id,
      name: personName(rng),
      gender: rng.chance(role === 'information_officer' ? 0.62 : 0.45) ? 'F' : 'M',
      birthYear: 2026 - rng.int(age[0], age[1]),
      phone: `1${rng.pick(['3', '5', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
    });
    assignments.push({ staffId: id, role, regionCode, zoneCode, gridCode });
    return id;
  };
  const roster: Roster = {
    staff,
    assignments,
    workerOfGrid: new Map(),
    managerOfZone: new Map(),
    managerOfCommunity: new Map(),
    supervisorOfSubdistrict: new Map(),
  };
  for (const r of regions.filter((x) => x.level === 'subdistrict'))
    roster.supervisorOfSubdistrict.set(r.code, hire('supervisor', r.code, null, null, [35, 55]));
  for (const c of regions.filter((x) => x.level === 'community')) {
    roster.managerOfCommunity.set(c.code, hire('community_manager', c.code, null, null, [35, 58]));
    for (let k = rng.int(2, 3); k > 0; k--) hire('assistant', c.code, null, null, [28, 60]);
  }
  for (const z of zones) roster.managerOfZone.set(z.code, hire('zone_manager', z.communityCode, z.code, null, [28, 55]));
  for (const g of grids) roster.workerOfGrid.set(g.code, hire('information_officer', g.communityCode, g.zoneCode, g.code, [23, 52]));
  return roster;
}
