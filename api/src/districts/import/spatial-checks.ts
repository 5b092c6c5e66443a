/**
 * Spatial checks of an import, in memory (WGS84 `[lng, lat]` degrees; areas in m²): which
 * region or grid holds a polygon (the largest share of its area), overlaps between polygons
 * of one layer, and gaps a layer leaves inside its parent.
 */
import { areaM2, geometryBBox, pointInPolygon, representativePoint } from '@gridatlas/core';
import { difference, featureCollection, intersect, polygon as turfPolygon, multiPolygon as turfMultiPolygon, union } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

export type Areal = Polygon | MultiPolygon;

export interface Indexed {
  key: string;
  geometry: Areal;
}

export interface PolygonIndex<T extends Indexed> {
  items: readonly T[];
  /** Items whose bounding box meets [w, s, e, n]. */
  near(bbox: [number, number, number, number]): T[];
}

export function indexPolygons<T extends Indexed>(items: readonly T[]): PolygonIndex<T> {
  if (items.length === 0) return { items, near: () => [] };
  const index = new Flatbush(items.length);
  for (const it of items) index.add(...geometryBBox(it.geometry));
  index.finish();
  return { items, near: ([w, s, e, n]) => index.search(w, s, e, n).map((i) => items[i]!) };
}

function feature(g: Areal): Feature<Areal> {
  return g.type === 'Polygon' ? turfPolygon(g.coordinates) : turfMultiPolygon(g.coordinates);
}

function vertices(g: Areal): Position[] {
  return g.type === 'Polygon' ? g.coordinates[0]! : g.coordinates.flatMap((p) => p[0]!);
}

/** Area of the intersection of two polygons, m² (0 when they do not meet or the operation fails). */
export function sharedAreaM2(a: Areal, b: Areal): number {
  try {
    const x = intersect(featureCollection([feature(a), feature(b)]));
    return x ? areaM2(x.geometry) : 0;
  } catch {
    return 0;
  }
}

export interface Holder<T> {
  holder: T | null;
  /** Share of the polygon's area inside the holder, 0 … 1. */
  share: number;
  /** How many candidates hold a part of it. */
  holders: number;
}

/**
 * The item holding the largest share of `g`'s area. Fast path: every outer vertex inside one
 * candidate (nearly every building) — that one, share 1.
 */
export function largestShare<T extends Indexed>(g: Areal, index: PolygonIndex<T>): Holder<T> {
  const candidates = index.near(geometryBBox(g));
  if (candidates.length === 0) return { holder: null, share: 0, holders: 0 };
  const vs = vertices(g);
  const inside = candidates.filter((c) => vs.every((v) => pointInPolygon(v, c.geometry)));
  if (inside.length === 1) return { holder: inside[0]!, share: 1, holders: 1 };
  const total = areaM2(g);
  if (total <= 0) {
    const p = g.type === 'Polygon' ? g.coordinates[0]![0]! : g.coordinates[0]![0]![0]!;
    const c = candidates.find((x) => pointInPolygon(p, x.geometry)) ?? null;
    return { holder: c, share: c ? 1 : 0, holders: c ? 1 : 0 };
  }
  let best: T | null = null;
  let bestArea = 0;
  let holders = 0;
  for (const c of candidates) {
    const a = sharedAreaM2(g, c.geometry);
    if (a > 0.01) holders++;
    if (a > bestArea) [best, bestArea] = [c, a];
  }
  return { holder: best, share: Math.min(1, bestArea / total), holders };
}

export interface OverlapFinding {
  a: string;
  b: string;
  areaM2: number;
  at: [number, number];
}

/** Pairs of items overlapping by more than `minM2`. */
export function overlapsWithin<T extends Indexed>(index: PolygonIndex<T>, minM2: number): OverlapFinding[] {
  const out: OverlapFinding[] = [];
  index.items.forEach((a, i) => {
    for (const b of index.near(geometryBBox(a.geometry))) {
      if (index.items.indexOf(b) <= i) continue;
      try {
        const x = intersect(featureCollection([feature(a.geometry), feature(b.geometry)]));
        if (!x) continue;
        const area = areaM2(x.geometry);
        if (area > minM2) out.push({ a: a.key, b: b.key, areaM2: Math.round(area), at: pointOf(x.geometry) });
      } catch {
        // A pair polyclip cannot intersect is not reported as overlapping.
      }
    }
  });
  return out;
}

export interface GapFinding {
  areaM2: number;
  at: [number, number];
}

/** Pieces of `container` that none of `parts` covers, each larger than `minM2`. */
export function gapsInside(container: Areal, parts: readonly Areal[], minM2: number): GapFinding[] {
  try {
    const covered = parts.length === 1 ? feature(parts[0]!) : parts.length > 1 ? union(featureCollection(parts.map(feature))) : null;
    const rest = covered ? difference(featureCollection([feature(container), covered])) : feature(container);
    if (!rest) return [];
    const polys = rest.geometry.type === 'Polygon' ? [rest.geometry.coordinates] : rest.geometry.coordinates;
    return polys
      .map((p) => ({ areaM2: areaM2({ type: 'Polygon', coordinates: p }), at: representativePoint(p) }))
      .filter((g) => g.areaM2 > minM2)
      .map((g) => ({ areaM2: Math.round(g.areaM2), at: g.at }));
  } catch {
    return [];
  }
}

/** Union of polygons as one Polygon or MultiPolygon (null when empty). */
export function unionOf(parts: readonly Areal[]): Areal | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  const u = union(featureCollection(parts.map(feature)));
  return u ? u.geometry : null;
}

/** A point inside the polygon (its outer ring's), `[lng, lat]`. */
export function pointOf(g: Areal): [number, number] {
  return representativePoint(g.type === 'Polygon' ? g.coordinates : g.coordinates[0]!);
}
