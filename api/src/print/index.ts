/** The print engine: HTML → PDF/PNG with Chromium, and SVG maps of regions and grids. */
export { closeSharedRenderer, HtmlRenderer, sharedRenderer, type PngOptions, type RendererOptions } from './html-renderer.js';
export { PrintError, type PrintErrorReason } from './print-error.js';
export {
  contentBoxMm,
  DEFAULT_MARGINS_MM,
  PAPER_SIZES,
  pageSetup,
  PRINT_FONT_STACK,
  sheetMm,
  type Margins,
  type Orientation,
  type PageSetup,
  type PaperSize,
} from './page-setup.js';
export { renderSvgMap, type MapGrid, type MapLayers, type MapStreet, type SvgMapOptions } from './svg-map.js';
export { loadMapLayers, MapRegionNotFound, type LoadedMapLayers, type MapLayersRequest } from './map-layers.sql.js';
export { choroplethClasses, type ChoroplethClass } from './choropleth.js';
export { bboxOf, fitFrame, type LngLatBBox, type MapFrame } from './map-frame.js';
export { escapeXml } from './xml.js';
