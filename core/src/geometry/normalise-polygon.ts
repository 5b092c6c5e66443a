/**
 * Polygons and MultiPolygons as they come, made valid with every part kept. Each ring is
 * cleaned (repeats, closure, spikes); each part that is still invalid is repaired like
 * PostGIS's ST_MakeValid linework method (linework-repair.ts); parts are then combined: a
 * part lying wholly inside another is a hole written as a shell (and a part inside that an
 * island), as ST_MakeValid takes it, while parts that partly overlap or share an edge are
 * joined — unlike linework, which would cut their overlap out and so lose its area (PostGIS's
 * 'structure' method joins them too). Output rings follow RFC 7946: exterior
 * counter-clockwise, holes clockwise. Degrees `[lng, lat]`; areas m².
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { areaM2, perimeterM } from './geodesic.js';
import {
  difference,
  fromJstsPolygons,
  intersection,
  toJstsMultiPolygon,
  toJstsPolygon,
  union,
  unionAll,
  validityError,
  type JGeometry,
  type ValidityError,
} from './jsts-bridge.js';
import { lineworkArea, type LineworkArea } from './linework-repair.js';
import type { GeometryRejection, GeometryRepair, RepairReason } from './normalise.types.js';
import type { XY } from './read-coordinates.js';
import { cleanRing, signedArea2 } from './ring-clean.js';

export interface PolygonalResult {
  geometry: Polygon | MultiPolygon | null;
  repairs: GeometryRepair[];
  rejectedParts: GeometryRejection[];
  areaBeforeM2: number;
  areaAfterM2: number;
}

type Rings = XY[][];

const round1 = (x: number): number => Math.round(x * 10) / 10;
const polygonArea = (rings: Rings): number => areaM2({ type: 'Polygon', coordinates: rings });
const groupArea = (polys: readonly Rings[]): number => polys.reduce((s, p) => s + polygonArea(p), 0);

/* JTS TopologyValidationError types. */
const HOLE_OUTSIDE_SHELL = 2;
const NESTED_SHELLS = 7;

function reasonOf(e: ValidityError): RepairReason {
  if (e.type === HOLE_OUTSIDE_SHELL) return 'hole_outside_shell';
  if (e.type === NESTED_SHELLS) return 'nested_shell';
  return 'self_intersection';
}

type Box = [number, number, number, number];

function boxOf(polys: readonly Rings[]): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polys) {
    for (const [x, y] of rings[0]!) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  }
  return b;
}

const boxesMeet = (a: Box, b: Box): boolean => !(a[0] > b[2] || b[0] > a[2] || a[1] > b[3] || b[1] > a[3]);
const boxWithin = (a: Box, b: Box): boolean => a[0] >= b[0] && a[1] >= b[1] && a[2] <= b[2] && a[3] <= b[3];

/** Exterior counter-clockwise, holes clockwise; whether any ring had to be turned. */
function orient(polys: Rings[]): { polys: Rings[]; turned: boolean } {
  let turned = false;
  const out = polys.map((rings) =>
    rings.map((ring, i) => {
      const ccw = signedArea2(ring) > 0;
      if (ccw === (i === 0)) return ring;
      turned = true;
      return ring.slice().reverse();
    }),
  );
  return { polys: out, turned };
}

/**
 * Parts combined: each part's depth is the number of other parts wholly containing it; even
 * depths are shells (joined where they overlap), odd depths holes cut from them.
 */
function combineParts(groups: Rings[][], partNumbers: number[], repairs: GeometryRepair[]): Rings[] {
  const geoms = groups.map((g) => toJstsMultiPolygon(g));
  const areas = geoms.map((g) => g.getArea());
  const boxes = groups.map(boxOf);
  const within = (i: number, j: number): boolean =>
    boxWithin(boxes[i]!, boxes[j]!) && intersection(geoms[i]!, geoms[j]!).getArea() >= areas[i]! * (1 - 1e-7);
  const dropped = new Set<number>();
  const depth = groups.map(() => 0);
  const container = groups.map((): number | undefined => undefined);
  for (let i = 0; i < groups.length; i++) {
    const twin = groups.findIndex((_, j) => j < i && !dropped.has(j) && within(i, j) && within(j, i));
    if (twin < 0) continue;
    dropped.add(i);
    repairs.push({
      reason: 'duplicate_part',
      detail: `part ${partNumbers[i]} repeats part ${partNumbers[twin]}: kept once`,
      at: groups[i]![0]![0]![0],
    });
  }
  for (let i = 0; i < groups.length; i++) {
    if (dropped.has(i)) continue;
    for (let j = 0; j < groups.length; j++) {
      if (i === j || dropped.has(j) || !within(i, j)) continue;
      depth[i]!++;
      if (container[i] === undefined || areas[j]! < areas[container[i]!]!) container[i] = j;
    }
  }
  const kept = groups.map((_, i) => i).filter((i) => !dropped.has(i));
  for (const i of kept) {
    if (depth[i] === 0) continue;
    const m2 = round1(groupArea(groups[i]!));
    repairs.push({
      reason: 'nested_shell',
      detail:
        depth[i]! % 2 === 1
          ? `part ${partNumbers[i]} (${m2} m²) lies inside part ${partNumbers[container[i]!]}: a hole written as a shell, cut out as a hole`
          : `part ${partNumbers[i]} (${m2} m²) lies inside the hole part ${partNumbers[container[i]!]}: kept as an island`,
      at: groups[i]![0]![0]![0],
    });
  }
  const maxDepth = Math.max(0, ...kept.map((i) => depth[i]!));
  let acc: JGeometry | null = null;
  for (let d = 0; d <= maxDepth; d++) {
    const level = kept.filter((i) => depth[i] === d);
    if (level.length === 0) continue;
    const joined = unionAll(level.map((i) => geoms[i]!))!;
    if (d % 2 === 0 && level.length > 1) {
      const sum = level.reduce((s, i) => s + groupArea(groups[i]!), 0);
      const overlap = sum - groupArea(fromJstsPolygons(joined));
      const names = level.map((i) => partNumbers[i]).join(', ');
      repairs.push({
        reason: 'overlapping_parts',
        detail:
          overlap > 0.05
            ? `parts ${names} overlap by ${round1(overlap)} m²: joined into one area (the overlap counted once)`
            : `parts ${names} share an edge: joined into one area`,
        at: groups[level[0]!]![0]![0]![0],
      });
    }
    acc = acc === null ? joined : d % 2 === 0 ? union(acc, joined) : difference(acc, joined);
  }
  return acc ? fromJstsPolygons(acc) : [];
}

/**
 * Normalises polygon parts read as `[lng, lat]` rings (unclosed or closed, any orientation).
 * `multi` says the input was a MultiPolygon (a single part is then reported, informationally).
 */
export function normalisePolygonal(parts: readonly (readonly XY[][])[], multi: boolean): PolygonalResult {
  const repairs: GeometryRepair[] = [];
  const rejectedParts: GeometryRejection[] = [];
  let duplicates = 0;
  let closed = 0;
  const cleaned: Rings[] = [];
  // Per kept part: its rings with their spikes (what a rebuild reads), and its spikes.
  const drawn: Rings[] = [];
  const partSpikes: { count: number; at?: XY }[] = [];
  const partNumbers: number[] = [];
  parts.forEach((rings, pi) => {
    const what = multi ? `part ${pi + 1}` : 'the polygon';
    const out: Rings = [];
    const outDrawn: Rings = [];
    const spiked: { count: number; at?: XY } = { count: 0 };
    let shell = false;
    rings.forEach((ring, ri) => {
      const c = cleanRing(ring);
      duplicates += c.duplicates;
      closed += c.closed ? 1 : 0;
      spiked.count += c.spikes;
      spiked.at ??= c.spikeAt;
      if (ri === 0) {
        shell = c.ring !== null;
        if (!shell) {
          rejectedParts.push({
            reason: 'collapsed_part',
            detail: `${what} has no area (fewer than 3 distinct vertices, or all on one line): left out`,
            ...(ring[0] ? { at: ring[0] } : {}),
          });
        }
      }
      // A part whose shell collapsed is gone with its holes.
      if (!shell) return;
      if (c.ring) {
        out.push(c.ring);
        outDrawn.push(c.drawn!);
      } else
        repairs.push({
          reason: 'collapsed_linework',
          detail: `hole ${ri} of ${what} has no area: left out`,
          ...(ring[0] ? { at: ring[0] } : {}),
        });
    });
    if (shell) {
      cleaned.push(out);
      drawn.push(outDrawn);
      partSpikes.push(spiked);
      partNumbers.push(pi + 1);
    }
  });
  if (duplicates > 0) repairs.push({ reason: 'duplicate_vertices', detail: `${duplicates} repeated vertex(es) removed` });
  if (closed > 0) repairs.push({ reason: 'ring_closed', detail: `${closed} ring(s) did not end where they began: closed` });
  // Spikes are reported once the parts rebuilt from their linework are known (below), here.
  const spikeSlot = repairs.length;

  const areaBeforeM2 = groupArea(cleaned);
  let wasValid = true;
  const rebuilt = new Set<number>();
  const groups: Rings[][] = cleaned.map((rings, k) => {
    const error = validityError(toJstsPolygon(rings));
    const what = multi ? `part ${partNumbers[k]}` : 'the polygon';
    let fixed: LineworkArea;
    let detail: string;
    // Rebuilt from the rings as drawn, spikes included, as ST_MakeValid reads them: a spike's
    // edges can enclose a face with the rest of the ring (洪山区 and 江夏区 do), and what
    // encloses nothing is reported as collapsed linework below.
    if (error) {
      fixed = lineworkArea(drawn[k]!);
      detail = error.message.toLowerCase();
    } else if (partSpikes[k]!.count > 0) {
      // Valid once its spikes are cut off; PostGIS keeps the same unless a spike closes a face.
      // The rebuild's noder moves vertices by up to 0.5e-9° (~0.06 mm): area changes within
      // 0.1 mm × the perimeter are that, not a face.
      fixed = lineworkArea(drawn[k]!);
      const cut = polygonArea(rings);
      if (Math.abs(groupArea(fixed.polygons) - cut) <= 1e-4 * perimeterM({ type: 'Polygon', coordinates: rings }) + 0.01) return [rings];
      detail = "a spike's edges enclose area with the rest of the ring";
    } else return [rings];
    wasValid = false;
    rebuilt.add(k);
    const before = round1(polygonArea(rings));
    const after = round1(groupArea(fixed.polygons));
    repairs.push({
      reason: error ? reasonOf(error) : 'self_intersection',
      detail: `${what}: ${detail}; rebuilt from its linework into ${fixed.polygons.length} polygon(s) (${before} → ${after} m²)`,
      ...(error?.at ? { at: error.at } : {}),
    });
    if (fixed.collapsedM > 0 && fixed.polygons.length > 0) {
      repairs.push({
        reason: 'collapsed_linework',
        detail: `${what}: ${round1(fixed.collapsedM)} m of edges enclosing no area (a spike or zero-width piece) left out`,
        ...(fixed.collapsedAt ? { at: fixed.collapsedAt } : {}),
      });
    }
    return fixed.polygons;
  });
  const spikes = partSpikes.reduce((s, p, k) => s + (rebuilt.has(k) ? 0 : p.count), 0);
  const spikeAt = partSpikes.find((p, k) => !rebuilt.has(k) && p.count > 0)?.at;
  if (spikes > 0) {
    repairs.splice(spikeSlot, 0, {
      reason: 'spike_removed',
      detail: `${spikes} spike(s) (an edge out and straight back) removed`,
      ...(spikeAt ? { at: spikeAt } : {}),
    });
  }
  const keptGroups: Rings[][] = [];
  const keptNumbers: number[] = [];
  groups.forEach((g, k) => {
    if (g.length > 0) {
      keptGroups.push(g);
      keptNumbers.push(partNumbers[k]!);
    } else {
      rejectedParts.push({
        reason: 'collapsed_part',
        detail: `${multi ? `part ${partNumbers[k]}` : 'the polygon'} encloses no area once its crossings are resolved: left out`,
        areaM2: round1(polygonArea(cleaned[k]!)),
        at: cleaned[k]![0]![0]!,
      });
    }
  });

  let polys: Rings[] = keptGroups.flat();
  if (keptGroups.length > 1) {
    const boxes = keptGroups.map(boxOf);
    const meet = boxes.some((a, i) => boxes.some((b, j) => j > i && boxesMeet(a, b)));
    if (meet && validityError(toJstsMultiPolygon(polys))) {
      wasValid = false;
      polys = combineParts(keptGroups, keptNumbers, repairs);
    }
  }
  const oriented = orient(polys);
  if (oriented.turned && wasValid) {
    repairs.push({
      reason: 'ring_reoriented',
      detail: 'rings turned to RFC 7946 order (exterior counter-clockwise, holes clockwise)',
      informational: true,
    });
  }
  polys = oriented.polys;
  if (multi && parts.length === 1 && polys.length === 1) {
    repairs.push({ reason: 'single_part_multi', detail: 'a MultiPolygon of one part: read as a Polygon', informational: true });
  }
  const geometry: Polygon | MultiPolygon | null =
    polys.length === 0
      ? null
      : polys.length === 1
        ? { type: 'Polygon', coordinates: polys[0]! }
        : { type: 'MultiPolygon', coordinates: polys };
  return { geometry, repairs, rejectedParts, areaBeforeM2, areaAfterM2: geometry ? areaM2(geometry) : 0 };
}
