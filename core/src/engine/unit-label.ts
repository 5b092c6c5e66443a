/**
 * How a message names a unit: by the ids a person has in their own files. A street block
 * built from buildings carries an internal id (`u30`) that no file holds, so it is named by
 * the ids of its buildings (e.g. OSM building ids); a polygon unit read from a file keeps
 * that file's own id.
 */
import type { EngineUnit } from './engine.types.js';

/** Building ids listed before "and n more". */
const MAX_LISTED = 5;

/**
 * @example
 * unitLabel({ id: 'u30', buildings: ['way/2415'], … }) // 'building way/2415'
 * unitLabel({ id: '060750101001', … })                 // 'unit 060750101001'
 */
export function unitLabel(unit: Pick<EngineUnit, 'id' | 'buildings'>): string {
  const ids = unit.buildings;
  if (!ids || ids.length === 0) return `unit ${unit.id}`;
  if (ids.length === 1) return `building ${ids[0]}`;
  const listed = ids.slice(0, MAX_LISTED).join(', ');
  const more = ids.length > MAX_LISTED ? ` and ${ids.length - MAX_LISTED} more` : '';
  return `the street block of buildings ${listed}${more}`;
}
