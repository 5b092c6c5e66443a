/** The deterministic demo district generator and the dataset types the seeder writes. */
export { DEFAULT_REFERENCE_DATE, generateDistrict } from './generator/generate-district.js';
export { INCIDENT_CATEGORIES, INCIDENT_CHANNELS } from './generator/incidents.js';
export type * from './district.types.js';
export { MESSY_KINDS, messyVariant, messyVariants, type MessyKind, type MessyOptions, type MessyVariant } from './messy/messy-variants.js';
