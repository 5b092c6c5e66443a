/**
 * Units for the engine from a community's streets and buildings: its street blocks, and
 * where a block holds more households than a unit may, the block cut between clusters of
 * its buildings (recursively, each cut a new line in the same planar graph, so the pieces
 * still tile the block and share edges vertex for vertex with their neighbours). A single
 * building over the limit stays whole: an indivisible unit. Degrees `[lng, lat]`.
 */
import type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { geometryBBox } from '../geometry/point-in-polygon.js';
import type { PlanUnit } from '../plan/plan.types.js';
import { checkpoint, type EngineRunOptions } from './engine-progress.js';
import type { EngineUnit } from './engine.types.js';
import { faceCut, type CutBuilding } from './face-cut.js';
import { localFrame, type LocalFrame, type XY } from './local-frame.js';
import { faceLocator } from './face-locator.js';
import { nearMissJoins, planarFaces, type FrameLine, type PlanarFaces, type PlanarOptions, type PlanarStats } from './planar-faces.js';
import { blocksOf, frameLines } from './street-blocks.js';

export interface BuildUnitsInput extends EngineRunOptions {
  /** The community boundary. */
  boundary: Polygon;
  /** Street centrelines (any near the community; those far away are skipped). */
  streets: readonly LineString[];
  /** Buildings (point units with households and persons; footprints help cut between them). */
  buildings: readonly PlanUnit[];
  /** A block over this many households is cut between its buildings. Usually the grid household cap or a fraction of it. */
  maxUnitHouseholds: number;
  /** ...and one over this many persons (default: no person limit). */
  maxUnitPersons?: number;
  /** Prefix of the unit ids (default "u"). */
  idPrefix?: string;
  /**
   * Outlines (locked and dedicated grids) added as cut lines before the streets: no unit
   * crosses them, and their vertices are kept exactly.
   */
  outlines?: readonly (Polygon | MultiPolygon)[];
  planar?: PlanarOptions;
  /**
   * Work shared between calls that differ only in the unit limits (`delineateCommunity` tries
   * finer units on the same community): pass the same empty object to each; the first call
   * fills it with the framed lines, the near-misses and the street blocks before any cut.
   * Only for calls with the same boundary, streets, buildings, outlines and planar options.
   */
  shared?: BuildUnitsShared;
}

/** What `buildUnits` keeps in `BuildUnitsInput.shared` (opaque to callers). */
export interface BuildUnitsShared {
  streets?: {
    frame: LocalFrame;
    framed: ReturnType<typeof frameLines>;
    lines: FrameLine[];
    joins: ReturnType<typeof nearMissJoins>;
    points: XY[];
    first: PlanarFaces;
    firstUnitOfBuilding: Int32Array;
  };
}

export interface BuiltUnits {
  units: EngineUnit[];
  /** Shared edge length between units, metres: `adjacency[a]` maps b → length. */
  adjacency: Map<number, number>[];
  /** Index of each building's unit (parallel to the input buildings), -1 outside the boundary. */
  unitOfBuilding: Int32Array;
  /** Street blocks before any cut (faces of the streets alone). */
  blocks: number;
  /** Cut lines added inside blocks. */
  cuts: number;
  /** How the streets became blocks (before any cut): near-misses joined, lines clipped, dangles, bridges, slivers merged. */
  planar: PlanarStats;
  /** The near-misses joined, `[lng, lat]`: from a street's end to the line it stopped short of. */
  joins: [Position, Position][];
}

const MAX_ROUNDS = 16;

/**
 * @example
 * const { units, adjacency } = buildUnits({ boundary, streets, buildings, maxUnitHouseholds: 150 });
 */
export function buildUnits(input: BuildUnitsInput): BuiltUnits {
  const known = input.shared?.streets;
  const frame = known?.frame ?? localFrame(geometryBBox(input.boundary));
  const framed = known?.framed ?? frameLines(input.boundary, input.streets, frame);
  const outlineLines: FrameLine[] = known
    ? []
    : (input.outlines ?? []).flatMap((p) =>
        (p.type === 'Polygon' ? [p.coordinates] : p.coordinates)
          .flat()
          .map((r): FrameLine => ({ xy: r.map((q) => frame.toXY(q)), lngLat: r, fixed: true })),
      );
  const lines = known?.lines ?? [...outlineLines, ...framed.lines];
  const maxPersons = input.maxUnitPersons ?? Infinity;
  const prefix = input.idPrefix ?? 'u';
  const cutBuildings: CutBuilding[] = input.buildings.map((b) => ({
    xy: (b.footprint?.[0] ?? [b.point]).map((p) => frame.toXY(p)),
    households: b.households,
  }));
  const cutLines: FrameLine[] = [];
  let streetFaces = 0;
  let streetStats: PlanarStats | null = null;
  let lastFaces = -1;
  // Near-misses of the streets are found once; rounds only add cuts, which end on block edges.
  const joins = known?.joins ?? nearMissJoins(framed.rings, lines, input.planar);
  const points = known?.points ?? input.buildings.map((b) => frame.toXY(b.point));
  for (let round = 0; ; round++) {
    checkpoint(input, 'units', round, MAX_ROUNDS + 1);
    // Before any cut the faces are the street blocks, the same for every unit limit.
    const reuse = round === 0 && known;
    const planar = reuse ? known.first : planarFaces(frame, framed.rings, lines, input.planar, { cuts: cutLines, joins });
    if (round === 0) {
      streetFaces = planar.faces.length;
      streetStats = planar.stats;
    }
    let unitOfBuilding: Int32Array;
    if (reuse) unitOfBuilding = known.firstUnitOfBuilding;
    else {
      const locate = faceLocator(planar, planar.gridM);
      unitOfBuilding = Int32Array.from(points, (p) => locate(p[0], p[1]));
    }
    if (round === 0 && input.shared && !known)
      input.shared.streets = { frame, framed, lines, joins, points, first: planar, firstUnitOfBuilding: unitOfBuilding };
    const members: number[][] = planar.faces.map(() => []);
    unitOfBuilding.forEach((f, bi) => {
      if (f >= 0) members[f]!.push(bi);
    });
    const added: FrameLine[] = [];
    // A round whose cuts split nothing (merged back as slivers, or lost in a hole) would repeat itself.
    const progressed = planar.faces.length > lastFaces;
    lastFaces = planar.faces.length;
    if (round < MAX_ROUNDS && progressed) {
      members.forEach((list, f) => {
        const households = list.reduce((s, bi) => s + input.buildings[bi]!.households, 0);
        const persons = list.reduce((s, bi) => s + input.buildings[bi]!.persons, 0);
        if (list.length < 2 || (households <= input.maxUnitHouseholds && persons <= maxPersons)) return;
        const face = planar.faces[f]!;
        const xyRing = face.ring.map((v) => planar.xy[v]!);
        for (const [a, b] of faceCut(
          xyRing,
          list.map((bi) => cutBuildings[bi]!),
        )) {
          const lngLat: Position[] = [frame.toLngLat(a[0], a[1]), frame.toLngLat(b[0], b[1])];
          added.push({ xy: [a, b], lngLat });
        }
      });
    }
    if (added.length === 0) {
      const blocks = blocksOf(planar, frame);
      const units: EngineUnit[] = blocks.faces.map((geometry, f) => ({
        id: `${prefix}${f + 1}`,
        geometry,
        households: members[f]!.reduce((s, bi) => s + input.buildings[bi]!.households, 0),
        persons: members[f]!.reduce((s, bi) => s + input.buildings[bi]!.persons, 0),
        buildings: members[f]!.map((bi) => input.buildings[bi]!.id),
      }));
      return {
        units,
        adjacency: blocks.adjacency,
        unitOfBuilding,
        blocks: streetFaces,
        cuts: cutLines.length,
        planar: streetStats!,
        joins: planar.joins,
      };
    }
    cutLines.push(...added);
  }
}
