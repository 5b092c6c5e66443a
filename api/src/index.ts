/** The API package's public surface: the app, the server, the database and the seeder. */
export { createApp, type AppOptions } from './app.js';
export { startServer, type RunningServer, type ServerOptions } from './server.js';
export type { Db, DbKind, QueryResult } from './db/db.types.js';
export { DatabaseError, type DatabaseErrorReason } from './db/database-error.js';
export { defaultDataDir, openDatabase, type DatabaseTarget } from './db/open-database.js';
export { migrate, type MigrateResult } from './db/migrate.js';
export { seedDistrict, type SeedCounts } from './seed/seed-district.js';
export { isSeeded, resetDistrictData } from './seed/district-data.js';
export { createLogger, type Logger } from './log.js';
export { createUser, ensureDefaultRoles, MIN_PASSWORD_LENGTH, UserInputError, type NewUser } from './users/create-user.js';
export { importIncidents, type IncidentImportOptions } from './import/import-incidents.js';
export { importTracks, type TrackImportOptions } from './import/import-tracks.js';
export { IMPORT_FORMATS, ImportError, type ImportFormat, type ImportReport, type RejectReason } from './import/import.types.js';
export * from './import/formats/index.js';
export { nextPatrolDay } from './analytics/patrol-days-warmer.js';
export {
  createDistrict,
  DISTRICT_LAYERS,
  EXPORT_FORMATS,
  EXPORT_LAYERS,
  exportDistrictLayer,
  importDistrictLayer,
  type ExportFormat,
  type ExportLayer,
  type CreateDistrictOptions,
  type DistrictImportOptions,
  type DistrictLayer,
  type LayerReport,
} from './districts/index.js';
export type { BasemapKind, BasemapSettings, BasemapSettingsUpdate, PmtilesFile } from './basemaps/basemap.schemas.js';
export {
  backupDatabase,
  backupFileKind,
  BackupError,
  restoreDatabase,
  type BackupErrorReason,
  type BackupSummary,
  type RestoreSummary,
} from './backup/index.js';
export {
  closeSharedRenderer,
  contentBoxMm,
  HtmlRenderer,
  loadMapLayers,
  MapRegionNotFound,
  pageSetup,
  PAPER_SIZES,
  PRINT_FONT_STACK,
  PrintError,
  renderSvgMap,
  sharedRenderer,
  type LoadedMapLayers,
  type MapLayers,
  type MapLayersRequest,
  type PageSetup,
  type PaperSize,
  type PngOptions,
  type PrintErrorReason,
  type SvgMapOptions,
} from './print/index.js';
export {
  DEFAULT_SERVICE_HOURS,
  NOTICE_BOARD_LANGS,
  NoticeBoardRegionError,
  renderNoticeBoards,
  type NoticeBoardLang,
  type NoticeBoardsOptions,
  type NoticeBoardsResult,
} from './notice-boards/index.js';
export {
  exportReport,
  reportHtml,
  ReportRequestSchema,
  type ExportedReport,
  type ReportDocument,
  type ReportRequest,
} from './reports/index.js';
