export { createRandom, type Random } from './random.js';
export {
  DEFAULT_RULE_PROFILE,
  gridLoad,
  type CapCombine,
  type GridLoad,
  type LoadStatus,
  type RuleProfile,
} from './rule-profile.js';
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
export { checkPolygon, type PolygonCheck, type PolygonCheckOptions } from './geometry/polygon-check.js';
