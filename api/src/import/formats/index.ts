/** The file readers and writers, without the rest of the API (`@gridatlas/api/formats`): quick to load for tools. */
export { inspectLayer, readLayer } from './read-layer.js';
export { FormatError, type FormatErrorCode } from './format-error.js';
export { writeShapefile, type WriteShapefileOptions, type WrittenFile } from './write-shapefile.js';
export { writeGeojson } from './write-geojson.js';
export { writeXlsx, type XlsxColumn } from './write-xlsx.js';
export {
  LAYER_FORMATS,
  type ExpectedGeometry,
  type FieldType,
  type LayerCrs,
  type LayerEncoding,
  type LayerFeature,
  type LayerField,
  type LayerFormat,
  type LayerInput,
  type LayerPreview,
  type LayerProgress,
  type LayerResult,
  type LayerWarning,
  type ReadLayerOptions,
} from './layer.types.js';
