/**
 * Metrics of one grid: what it holds (households, persons, buildings, special-group people)
 * and its shape (geodesic area and perimeter, Polsby-Popper compactness), with its rule
 * status. Fast enough to run on every drag frame: the unit index narrows the candidates.
 */
import { areaM2, perimeterM } from '../geometry/geodesic.js';
import { gridLoad, type RuleProfile } from '../rule-profile.js';
import type { GridGeometry, GridMetrics } from './plan.types.js';
import { unitsInGeometry, type UnitIndex } from './unit-index.js';

/** Polsby-Popper score 4πA/P² (area m², perimeter m): 1 for a circle, 0.785 for a square. */
export function polsbyPopper(area: number, perimeter: number): number {
  return perimeter > 0 ? (4 * Math.PI * area) / (perimeter * perimeter) : 0;
}

/** Metrics of the given units (indices into `index.units`) inside `geometry`. */
export function metricsOf(
  geometry: GridGeometry,
  index: UnitIndex,
  units: number[],
  profile: Readonly<RuleProfile>,
  grid: { type?: 'comprehensive' | 'dedicated' | null } = {},
): GridMetrics {
  let households = 0;
  let persons = 0;
  const special: Record<string, number> = {};
  for (const i of units) {
    const u = index.units[i]!;
    households += u.households;
    persons += u.persons;
    if (u.special) {
      for (const [key, n] of Object.entries(u.special)) special[key] = (special[key] ?? 0) + n;
    }
  }
  const area = areaM2(geometry);
  const perimeter = perimeterM(geometry);
  return {
    households,
    persons,
    buildings: units.length,
    areaM2: area,
    perimeterM: perimeter,
    compactness: polsbyPopper(area, perimeter),
    special,
    load: gridLoad({ households, persons }, profile, grid),
    units,
  };
}

/**
 * Metrics of one grid from the units whose representative point it contains.
 *
 * @example
 * const index = createUnitIndex(buildings);
 * gridMetrics(grid.geometry, index, DEFAULT_RULE_PROFILE).load.status // 'ok' | 'over' | 'under' ('exempt' for a dedicated grid)
 */
export function gridMetrics(
  geometry: GridGeometry,
  index: UnitIndex,
  profile: Readonly<RuleProfile>,
  grid: { type?: 'comprehensive' | 'dedicated' | null } = {},
): GridMetrics {
  return metricsOf(geometry, index, unitsInGeometry(index, geometry), profile, grid);
}
