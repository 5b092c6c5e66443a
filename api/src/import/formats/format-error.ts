/**
 * A file that cannot be read as a whole (not one bad row): the code says which problem, the
 * message what to do about it. The CLI maps it to exit 2, the API to 422; nothing is imported.
 */
import { ImportError } from '../import.types.js';

export type FormatErrorCode =
  /** The format cannot be told from the name, or is not one GridAtlas reads. */
  | 'unknown_format'
  /** The bytes are not the format they claim (a broken zip, bad JSON, a truncated .shp). */
  | 'unreadable'
  /** A part the format needs is missing (a .shp without its .dbf). */
  | 'missing_part'
  /** The text is not in the encoding given or found, or no encoding fits. */
  | 'bad_encoding'
  /** The coordinate system is unknown, unreadable, or cannot be detected. */
  | 'unknown_crs'
  /** The layer holds no features. */
  | 'empty_layer'
  /** The geometry is not the kind the caller needs (lines where polygons are needed). */
  | 'wrong_geometry'
  /** The file (or what a zip unpacks to) is larger than the limit. */
  | 'too_large'
  /** A zip entry unpacks to more than it declares. */
  | 'zip_bomb'
  /** The input holds several layers and none was chosen. */
  | 'several_layers'
  /** The layer asked for is not there. */
  | 'no_layer';

export class FormatError extends ImportError {
  override readonly name = 'FormatError';
  constructor(
    readonly code: FormatErrorCode,
    message: string,
    /** Facts for a UI to offer choices: layer names, CRS candidates, the encoding tried … */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
