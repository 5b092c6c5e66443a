/** What the command line and the server use of district imports (the routes mount `districtsApp`). */
export { createDistrict, type CreateDistrictOptions } from './import/create-district.js';
export { importDistrictLayer } from './import/district-import.js';
export { DISTRICT_LAYERS, type DistrictImportOptions, type DistrictLayer } from './import/district-import.types.js';
export type { LayerReport } from './import/import-report.js';
export {
  EXPORT_FORMATS,
  EXPORT_LAYERS,
  exportDistrictLayer,
  type ExportedFile,
  type ExportFormat,
  type ExportLayer,
  type ExportOptions,
} from './export/export-layer.js';
