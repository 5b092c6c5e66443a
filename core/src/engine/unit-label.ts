/**
 * How a message names a unit: by the ids a person has in their own files, and by what the
 * unit is. A street block built from buildings carries an internal id (`u30`) that no file
 * holds, so it is named by the ids of its buildings (e.g. OSM building ids); a polygon unit
 * read from a file keeps that file's own id and is called what the caller says it is (a
 * census block, a building footprint), or "unit" when nobody said.
 */
import type { UnitKind } from '../plan/plan.types.js';
import type { EngineUnit } from './engine.types.js';

/** Building ids listed before "and n more". */
const MAX_LISTED = 5;

/**
 * @example
 * unitLabel({ id: 'u30', buildings: ['way/2415'], … })      // 'building way/2415'
 * unitLabel({ id: '060750101001', … }, 'block')             // 'block 060750101001'
 * unitLabel({ id: '060750101001', … })                      // 'unit 060750101001'
 */
export function unitLabel(unit: Pick<EngineUnit, 'id' | 'buildings'>, kind?: UnitKind): string {
  const ids = unit.buildings;
  if (!ids || ids.length === 0) return `${kind ?? 'unit'} ${unit.id}`;
  if (ids.length === 1) return `building ${ids[0]}`;
  const listed = ids.slice(0, MAX_LISTED).join(', ');
  const more = ids.length > MAX_LISTED ? ` and ${ids.length - MAX_LISTED} more` : '';
  return `the street block of buildings ${listed}${more}`;
}

/** What a unit is, for a client phrasing it in its own language: its buildings say, else the caller's kind. */
export function unitKindOf(unit: Pick<EngineUnit, 'buildings'>, kind?: UnitKind): UnitKind | undefined {
  const ids = unit.buildings;
  if (ids && ids.length > 0) return ids.length === 1 ? 'building' : 'block';
  return kind;
}

/** `{ unitKind }` when it is known, to spread into an exception. */
export function unitKindField(unit: Pick<EngineUnit, 'buildings'>, kind?: UnitKind): { unitKind?: UnitKind } {
  const k = unitKindOf(unit, kind);
  return k ? { unitKind: k } : {};
}
