/**
 * Where to put a polygon's label: one point per feature, computed once on the main thread,
 * so MapLibre does not label every tile piece of a large polygon separately.
 * Coordinates are degrees WGS84 `[lng, lat]`.
 */
export type Position = [number, number];
export type Ring = Position[];

/**
 * A point inside the polygon (outer ring first, holes after): the area centroid when it
 * lies inside, else the middle of the widest inside span on the centroid's latitude, else
 * the first vertex.
 *
 * @example
 * labelPoint([[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]) // [1, 1]
 */
export function labelPoint(rings: Ring[]): Position {
  const outer = rings[0] ?? [];
  const centroid = ringCentroid(outer);
  if (insidePolygon(centroid, rings)) return centroid;
  const xs = crossings(rings, centroid[1]);
  let best: Position | null = null;
  let bestWidth = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const width = xs[i + 1]! - xs[i]!;
    if (width > bestWidth) {
      bestWidth = width;
      best = [(xs[i]! + xs[i + 1]!) / 2, centroid[1]];
    }
  }
  return best ?? outer[0] ?? [0, 0];
}

/** Largest outer ring of a Polygon or MultiPolygon, for labelling the main part. */
export function mainRings(geometry: { type: string; coordinates: unknown }): Ring[] {
  if (geometry.type === 'Polygon') return geometry.coordinates as Ring[];
  if (geometry.type === 'MultiPolygon') {
    const parts = geometry.coordinates as Ring[][];
    let best: Ring[] = [];
    let bestArea = -1;
    for (const part of parts) {
      const area = Math.abs(signedArea(part[0] ?? []));
      if (area > bestArea) {
        bestArea = area;
        best = part;
      }
    }
    return best;
  }
  return [];
}

function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  }
  return sum / 2;
}

function ringCentroid(ring: Ring): Position {
  const area = signedArea(ring);
  if (area === 0) {
    const n = Math.max(ring.length, 1);
    return [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n];
  }
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
    cx += (ring[j]![0] + ring[i]![0]) * f;
    cy += (ring[j]![1] + ring[i]![1]) * f;
  }
  return [cx / (6 * area), cy / (6 * area)];
}

function insidePolygon(point: Position, rings: Ring[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function crossings(rings: Ring[], y: number): number[] {
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
  }
  return xs.sort((a, b) => a - b);
}
