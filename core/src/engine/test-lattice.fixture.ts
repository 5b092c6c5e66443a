/**
 * Synthetic communities for the engine tests: a square boundary cut by an n×n lattice of
 * streets (cells of `cellM` metres), each cell holding buildings with known households.
 * Near latitude 34° so the local frame and the geodesic measures agree closely.
 */
import type { LineString, Polygon, Position } from 'geojson';
import { localFrame } from './local-frame.js';
import type { PlanUnit } from '../plan/plan.types.js';

const frame = localFrame([108.9, 34.25, 108.9, 34.25]);
const ll = (x: number, y: number): Position => frame.toLngLat(x, y);

export interface Lattice {
  boundary: Polygon;
  streets: LineString[];
  buildings: PlanUnit[];
}

/** n×n cells of `cellM` metres; `perCell` buildings of `households` each per cell, laid out in a row grid. */
export function lattice(n: number, cellM: number, perCell: number, households: number, personsPerHousehold = 3): Lattice {
  const size = n * cellM;
  const boundary: Polygon = { type: 'Polygon', coordinates: [[ll(0, 0), ll(size, 0), ll(size, size), ll(0, size), ll(0, 0)]] };
  const streets: LineString[] = [];
  for (let k = 1; k < n; k++) {
    // Streets overshoot the boundary a little, as real centrelines do.
    streets.push({ type: 'LineString', coordinates: [ll(k * cellM, -20), ll(k * cellM, size + 20)] });
    streets.push({ type: 'LineString', coordinates: [ll(-20, k * cellM), ll(size + 20, k * cellM)] });
  }
  const buildings: PlanUnit[] = [];
  const side = Math.ceil(Math.sqrt(perCell));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      for (let b = 0; b < perCell; b++) {
        const bx = i * cellM + ((b % side) + 0.5) * (cellM / side);
        const by = j * cellM + (Math.floor(b / side) + 0.5) * (cellM / side);
        const w = cellM / side / 4;
        buildings.push({
          id: `b${i}-${j}-${b}`,
          point: ll(bx, by) as [number, number],
          footprint: [[ll(bx - w, by - w), ll(bx + w, by - w), ll(bx + w, by + w), ll(bx - w, by + w), ll(bx - w, by - w)]],
          households,
          persons: households * personsPerHousehold,
        });
      }
    }
  }
  return { boundary, streets, buildings };
}
