/**
 * The grids of a save through core's normalising step, before anything is written: what can
 * be repaired is (rings closed and oriented, repeated vertices and spikes removed, Z dropped,
 * a single-part MultiPolygon read as a Polygon) and listed in the response; what cannot —
 * unreadable or projected coordinates, no area, or a grid that is in several pieces once its
 * crossings are resolved — refuses the save (422) with every grid's problem listed.
 */
import { checkPolygon, normaliseGeometry } from '@gridatlas/core';
import type { Polygon } from 'geojson';
import { MAX_VERTICES_PER_GRID, type GridFeature, type GridProblem, type GridRepair } from './plan-schemas.js';

const round1 = (x: number | undefined): number | undefined => (x === undefined ? undefined : Math.round(x * 10) / 10);

/** The features with their geometry repaired, the repairs made, and the problems that refuse the save. */
export function normaliseGridFeatures(features: readonly GridFeature[]): {
  features: GridFeature[];
  repairs: GridRepair[];
  problems: GridProblem[];
} {
  const repairs: GridRepair[] = [];
  const problems: GridProblem[] = [];
  const out = features.map((f, i): GridFeature => {
    const label = f.properties.code ?? `#${i}`;
    const n = normaliseGeometry(f.geometry as Polygon, { expect: 'polygon' });
    if (!n.geometry) {
      problems.push({
        kind: 'invalid_geometry',
        grids: [label],
        message: `grid ${label}: ${n.rejection!.detail}`,
        ...(n.rejection!.at ? { location: n.rejection!.at } : {}),
      });
      return f;
    }
    if (n.geometry.type !== 'Polygon') {
      const why = n.repairs.find((r) => !r.informational);
      problems.push({
        kind: 'multipart',
        grids: [label],
        message: `grid ${label} is in ${n.geometry.coordinates.length} separate pieces${why ? ` (${why.detail})` : ''}: a grid must be one piece; split it into separate grids or join the pieces`,
        ...(why?.at ? { location: why.at } : {}),
      });
      return f;
    }
    const check = checkPolygon(n.geometry, { maxVertices: MAX_VERTICES_PER_GRID });
    if (!check.valid) {
      problems.push({
        kind: 'invalid_geometry',
        grids: [label],
        message: `grid ${label}: ${check.reason}`,
        ...(check.at ? { location: check.at } : {}),
      });
      return f;
    }
    for (const r of n.repairs) {
      if (r.informational) continue;
      repairs.push({
        grid: label,
        reason: r.reason,
        detail: r.detail,
        areaBeforeM2: round1(n.areaBeforeM2)!,
        areaAfterM2: round1(n.areaAfterM2)!,
      });
    }
    for (const p of n.rejectedParts) {
      repairs.push({
        grid: label,
        reason: p.reason,
        detail: p.detail,
        areaBeforeM2: round1(n.areaBeforeM2)!,
        areaAfterM2: round1(n.areaAfterM2)!,
      });
    }
    return { ...f, geometry: n.geometry };
  });
  return { features: out, repairs, problems };
}
