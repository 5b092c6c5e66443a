/**
 * The normalising step every imported layer goes through: core's `normaliseFeatures()` (each
 * feature named by its id and name, its geometry repaired where it can be, every repair and
 * rejection reported with a count and a sample). Re-exported here so the layer importers name
 * one place.
 */
export { normaliseFeatures } from '@gridatlas/core';
export type { GeometryExpectation, NormalisedFeature } from '@gridatlas/core';
