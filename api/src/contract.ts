/**
 * The API contract as TypeScript types, for clients (the web app): every type here is inferred
 * from the zod schema that validates the request or describes the response in
 * /api/openapi.json, so the two cannot drift. Types only — `export type` — so an
 * `import type … from '@gridatlas/api/contract'` brings no API code into a bundle.
 * Coordinates are `[lng, lat]` degrees WGS84; lengths metres; areas m².
 */
export type { ErrorCode } from './http/http-error.js';
export type { TimeLimitDetail, ValidationError, ValidationProblem } from './http/error.schemas.js';

export type { LoginRequest, User, UserResponse } from './auth/auth.schemas.js';
export type { Health, Meta } from './meta/meta.schemas.js';
export type { Region, RegionLevel, RegionList } from './regions/regions.schemas.js';
export type {
  BuildingProperties,
  CompoundProperties,
  FeatureCollectionOf,
  Geometry,
  GridLayerProperties,
  GridsLayer,
  LayerName,
  LayerProperties,
  RegionLayerProperties,
  StreetProperties,
} from './layers/layer-schemas.js';

export type {
  CreatedPlan,
  CreatePlanRequest,
  DelineateReport,
  DelineateRequest,
  DelineateResult,
  DiffGridCollection,
  EngineException,
  EngineRunRequest,
  GridProblem,
  GridProblemsDetail,
  GridRepair,
  PlanConflictDetail,
  PlanDetail,
  PlanDiff,
  PlanDiffResult,
  PlanGridCollection,
  PlanGridProperties,
  PlanProblem,
  PlanRecord,
  PlanRevision,
  PlansList,
  PlanStatus,
  PlanStatusConflictDetail,
  PlanTransitionRequest,
  PlanTransitionResult,
  PlanVersionConflictDetail,
  RebalanceResult,
  RetiredCodesConflictDetail,
  SaveDraftConflictDetail,
  SaveGridsRequest,
  SaveGridsResult,
} from './plans/plan-schemas.js';

export type {
  AnalyticsSettings,
  AnalyticsSettingsUpdate,
  CoverageRow,
  DeadCornerFeature,
  DeadCorners,
  IncidentGridCounts,
  IncidentGridRow,
  IncidentHexbins,
  IncidentPointsResponse,
  IncidentSeries,
  PatrolCoverage,
  PatrolTrack,
  PatrolTracks,
  Workload,
  WorkloadRow,
  WorkloadWeights,
} from './analytics/analytics.schemas.js';
export type {
  SpecialGroupGrids,
  SpecialGroupHexbins,
  SpecialGroupRecord,
  SpecialGroupSummary,
  SuppressedCellValue,
} from './special-groups/special-groups.schemas.js';

export type {
  GridVisits,
  Visit,
  VisitDueGrids,
  VisitDueItem,
  VisitDueList,
  VisitPlan,
  VisitRecordRequest,
} from './visits/visits.schemas.js';

export type { Job, JobAccepted, JobError, JobList, JobState } from './jobs/jobs.schemas.js';
export type {
  CreateDistrictRequest,
  DistrictExportRequest,
  DistrictImportList,
  DistrictImportRecord,
  DistrictImportRequest,
  DistrictList,
  DistrictSummary,
  InspectRequest,
  LayerInspection,
  ReadOptions,
  Upload,
  UploadFeatures,
  UploadFeaturesRequest,
} from './districts/http/districts.schemas.js';
export type {
  ChangeSummary,
  CodeProposal,
  FeatureProblem,
  LayerReport,
  ReasonEntry,
  ReasonKind,
} from './districts/import/import-report.js';
export type { BasemapKind, BasemapSettings, BasemapSettingsUpdate, PmtilesFile } from './basemaps/basemap.schemas.js';
export type { AuditEntry, AuditPage, AuditQueryInput } from './audit/audit.schemas.js';
export type { GridCodeHistory, GridCodeLink } from './grid-codes/grid-codes.schemas.js';
export type { NewProfileRequest, Profile as RuleProfileRecord } from './rule-profiles/rule-profiles.schemas.js';
export type { ImportOptions, ImportReportBody, ImportUploadRequest } from './import/import.schemas.js';
export type { TileAddress } from './tiles/tiles.schemas.js';

export type {
  Dashboard,
  DashboardQuery,
  DashboardWindow,
  Figure as DashboardFigure,
  GridsSection as DashboardGridsSection,
  IncidentsSection as DashboardIncidentsSection,
  MapLink as DashboardMapLink,
  PatrolsSection as DashboardPatrolsSection,
  RecordsSince as DashboardRecordsSince,
  SpecialGroupsSection as DashboardSpecialGroupsSection,
  StaffingSection as DashboardStaffingSection,
  VisitCadence,
} from './dashboard/dashboard.schemas.js';
export type {
  Briefing,
  BriefingAnalystView,
  BriefingCamera,
  BriefingConflictDetail,
  BriefingList,
  BriefingPeriod,
  BriefingSlide,
  BriefingSummary,
  BriefingUpdate,
  BriefingView,
  NewBriefing,
  NewSlide,
  SlideAdd,
  SlideMove,
  SlideUpdate,
} from './briefings/briefings.schemas.js';
export type { SlideFigure, SlideFigureKind } from './briefings/slide-figure.schemas.js';
export type { ReportRequest, ReportResult } from './reports/reports.schemas.js';
export type { NoticeBoardsJobResult, NoticeBoardsRequest } from './notice-boards/notice-boards.schemas.js';
export type {
  IncidentDetail,
  IncidentList,
  IncidentMap,
  IncidentOptions,
  IncidentSummary,
  TransitionRequest,
} from './incidents/incidents.schemas.js';
export type {
  AssignmentInput,
  GridStaffingBody as GridStaffing,
  NewWorker,
  ProposalBody as StaffProposal,
  StaffChecksBody as StaffChecks,
  StaffModelBody as StaffModel,
  WorkerBody as Worker,
  WorkerList,
  WorkerUpdate,
} from './staff/staff.schemas.js';
export type {
  DistrictModelsBody as DistrictStaffModels,
  ModelEditBody as StaffModelEdit,
  ModelRoleInputBody as StaffModelRoleInput,
  StaffModelRecordBody as StaffModelRecord,
} from './staff/staff-models.schemas.js';
export type { ServiceHours, ServiceHoursUpdate } from './notice-boards/service-hours.schemas.js';
