export { createRandom, type Random } from './random.js';
export { DEFAULT_RULE_PROFILE, gridLoad, type CapCombine, type GridLoad, type LoadStatus, type RuleProfile } from './rule-profile.js';
export {
  communityOfGrid,
  gridCode,
  isGridCode,
  parseGridCode,
  regionLevelOf,
  type GridCodeParts,
  type RegionCodeLevel,
} from './grid-code.js';
export {
  DEFAULT_SUPPRESSION_THRESHOLD,
  MIN_SUPPRESSION_THRESHOLD,
  SPECIAL_GROUP_CATEGORIES,
  type SpecialGroupCategoryInfo,
  type SpecialGroupKind,
} from './special-groups.js';
export {
  VISIT_CADENCES,
  VISIT_CATEGORIES,
  VISIT_CATEGORY_KEYS,
  visitPeriodEnd,
  visitPeriodStart,
  type VisitCadence,
  type VisitCategoryInfo,
} from './visit-plan.js';
export { checkPolygon, type PolygonCheck, type PolygonCheckOptions } from './geometry/polygon-check.js';
export { geometryBBox, pointInPolygon, pointInRing } from './geometry/point-in-polygon.js';
export { areaM2, distanceToBoundaryM, haversineM, metresPerDegree, perimeterM } from './geometry/geodesic.js';
export { localFrame, localFrameAt, type LocalFrame, type XY } from './engine/local-frame.js';
export type {
  GridGeometry,
  GridMetrics,
  LngLat,
  PlanCommunity,
  PlanGrid,
  PlanProblem,
  PlanUnit,
  ProblemKind,
  Severity,
  UnitKind,
} from './plan/plan.types.js';
export { createUnitIndex, unitsInGeometry, type UnitIndex } from './plan/unit-index.js';
export { MIN_CUT_SHARE, placeUnits, type GridShare, type UnitPlacement } from './plan/unit-placement.js';
export { gridMetrics, metricsOf, polsbyPopper } from './plan/grid-metrics.js';
export {
  DEFAULT_CUT_TOLERANCE_M,
  DEFAULT_SLIVER_M2,
  DEFAULT_SLIVER_WIDTH_M,
  validatePlan,
  type PlanValidation,
  type ValidatePlanInput,
} from './plan/validate-plan.js';
export { diffPlans, sameShape, type MovedUnit, type PlanDiff } from './plan/plan-diff.js';
export { isProvisionalCode, MAX_PROVISIONAL, provisionalCode, readingOrder } from './plan/grid-serials.js';
export { representativePoint } from './geometry/representative-point.js';
export { normaliseGeometry } from './geometry/normalise-geometry.js';
export { featureId, featureName, normaliseFeatures, type NormaliseFeaturesOptions } from './geometry/normalise-features.js';
export type {
  GeometryExpectation,
  GeometryRejection,
  GeometryRepair,
  NormalisedFeature,
  NormalisedGeometry,
  NormalisedGeometryType,
  NormaliseEntry,
  NormaliseOptions,
  NormaliseReport,
  ReasonSummary,
  RejectionReason,
  RepairReason,
} from './geometry/normalise.types.js';
export { splitPolygonByLine, SPLIT_EXTEND_M } from './edit/split-polygon.js';
export { mergePolygons } from './edit/merge-polygons.js';
export { transferPiece, transferPieceFor, TRANSFER_MARGIN_M } from './edit/transfer-piece.js';
export { snapPosition, snapTargetsOf, type SnapTargets, type Snapped } from './edit/snap-position.js';
export { carveGrid, type Carved } from './edit/carve-grid.js';
export type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
export { streetBlocks, type StreetBlockOptions, type StreetBlocks } from './engine/street-blocks.js';
export { DEFAULT_GAP_M, DEFAULT_GRID_M, type PlanarStats } from './engine/planar-faces.js';
export { OsmXmlError, parseOsmXml, type OsmData, type OsmWay } from './io/osm-xml.js';
export {
  OSM_DROP_REASONS,
  OSM_PATH_CLASSES,
  OSM_STREET_CLASSES,
  osmStreets,
  readOsmStreets,
  type OsmDropReason,
  type OsmStreetOptions,
  type OsmStreetProperties,
  type OsmStreetReport,
} from './io/osm-streets.js';
export { buildUnits, type BuildUnitsInput, type BuiltUnits } from './engine/build-units.js';
export { polygonAdjacency } from './engine/unit-graph.js';
export { unionFaces } from './engine/grid-union.js';
export {
  delineate,
  gridLowerBound,
  gridsNeeded,
  plannedProfile,
  SNAP_TOLERANCE_M,
  type DelineateInput,
  type DelineateReport,
  type DelineateResult,
} from './engine/delineate.js';
export { martelloTothL2, packingLowerBound } from './engine/packing-bound.js';
export { balanceFigures, type BalanceBy, type BalanceFigures } from './engine/balance-search.js';
export {
  outputReport,
  type LocatedUnit,
  type OutputGrid,
  type OutputGridFigures,
  type OutputReport,
  type OutputReportInput,
} from './engine/output-report.js';
export {
  delineateCommunity,
  DEFAULT_UNIT_SHARE,
  REBALANCE_UNIT_SHARE,
  type DelineateCommunityInput,
} from './engine/delineate-community.js';
export {
  rebalance,
  type RebalanceGrid,
  type RebalanceGridInput,
  type RebalanceInput,
  type RebalanceReport,
  type RebalanceResult,
  type UntouchedExceptionGrid,
} from './engine/rebalance.js';
export {
  rebalanceCommunity,
  type RebalanceBuildingsInput,
  type RebalanceCommunityInput,
  type RebalanceCommunityResult,
  type RebalancePlanGrid,
  type RebalancePolygonsInput,
} from './engine/rebalance-community.js';
export { assignmentMoves, type AssignmentMoves } from './engine/assignment-moves.js';
export type { EngineException, EngineGrid, EngineUnit } from './engine/engine.types.js';
export type { EngineProgress, EngineRunOptions } from './engine/engine-progress.js';
export { followSharedEdges } from './edit/follow-shared-edges.js';
export { bd09ToGcj02, gcj02ToBd09, gcj02ToWgs84, insideChina, wgs84ToGcj02 } from './crs/china-offsets.js';
export { isSourceCrs, SOURCE_CRS, toWgs84, type SourceCrs } from './crs/crs.js';
export type { Crs, CrsDatum, GaussKrugerZone } from './crs/crs.types.js';
export { CrsError } from './crs/crs-error.js';
export { BD09, chineseEpsgCodes, epsgCrs, GCJ02, gaussKrugerCode, geographicCode, WEB_MERCATOR, WGS84 } from './crs/china-crs-catalogue.js';
export { CRS_FORMS, parseCrs } from './crs/parse-crs.js';
export { crsFromPrj } from './crs/crs-from-prj.js';
export {
  lngLatToMercator,
  mercatorToLngLat,
  WEB_MERCATOR_HALF_WORLD,
  WEB_MERCATOR_MAX_LAT,
  WEB_MERCATOR_R,
  WEB_MERCATOR_WORLD,
} from './crs/web-mercator.js';
export { esriWkt } from './crs/esri-wkt.js';
export { detectCrs, type CrsDetection, type CrsHint } from './crs/detect-crs.js';
export { gcj02OffsetCheck, type Gcj02OffsetCheck, type Gcj02OffsetCheckOptions } from './crs/gcj02-offset-check.js';
export { converterFromWgs84, converterToWgs84, fromWgs84, mapGeometry, type PositionConverter } from './crs/reproject.js';
export { normaliseRosterRow, type RosterCell, type RosterRejection, type RosterRepair, type RosterRow } from './staff/roster-row.js';
export { DEDICATED_GRID_COLOUR, loadColour, loadStops, type LoadStop } from './plan/load-colour.js';
