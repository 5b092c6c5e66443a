/** The layers a district import takes, its options, and the contract each layer's importer keeps. */
import type { Db } from '../../db/db.types.js';
import type { DistrictContext } from './district-context.js';
import type { ChangeSummary, CodeProposal, ReportBuilder } from './import-report.js';
import type { LayerRead } from './layer-input.js';

export const DISTRICT_LAYERS = [
  'subdistricts',
  'communities',
  'buildings',
  'registry',
  'streets',
  'grids',
  'staff',
  'special-groups',
] as const;
export type DistrictLayer = (typeof DISTRICT_LAYERS)[number];

export interface FieldOptions {
  /** Region, building or grid code. */
  codeField?: string;
  nameField?: string;
  /** Region: the parent's code or name. */
  parentField?: string;
  /** Buildings: the id pieces of one building share (an OSM id, a survey number). */
  idField?: string;
  /** Registry, special groups: the field naming the building (its code, or its address). */
  keyField?: string;
  householdsField?: string;
  personsField?: string;
  floorsField?: string;
  heightField?: string;
  /** Buildings: the address field (registry rows keyed by address match it). */
  addressField?: string;
  /** Streets: the class field (default: OSM `highway`, `kind_detail`, `kind`, `class`). */
  classField?: string;
  /** Staff: role and work phone; staff and grids: the grid code. */
  roleField?: string;
  phoneField?: string;
  gridField?: string;
  /** Special groups: category, since (date), identity number. */
  categoryField?: string;
  sinceField?: string;
  idNumberField?: string;
}

export interface DistrictImportOptions extends FieldOptions {
  layer: DistrictLayer;
  districtCode: string;
  format?: string;
  crs?: string;
  encoding?: string;
  /** Shapefile layer or XLSX sheet. */
  sheet?: string;
  lngField?: string;
  latField?: string;
  /** Buildings without registry counts: households from floor area × floors ÷ `flatSizeM2`. */
  estimateHouseholds?: boolean;
  /** Gross floor area per household for the estimate, m² (default 120). */
  flatSizeM2?: number;
  /** Persons per household for the estimate (default 2.5). */
  personsPerHousehold?: number;
  /** Registry: one row per household (default) or per building (households and persons fields). */
  registryPer?: 'household' | 'building';
  /** Largest file read, bytes (default 256 MiB). */
  maxBytes?: number;
  dryRun?: boolean;
  /** Write the accepted rows even though some were rejected (the report still lists them). */
  allowRejected?: boolean;
  importedBy?: string;
  jobId?: number;
}

export interface LayerHooks {
  signal?: AbortSignal;
  /** Progress 0 … 1 with the step's name; throws to stop (a cancelled job). */
  progress?: (fraction: number, phase: string) => Promise<void>;
}

/** What a layer's check produced: its findings are in the report; `apply` writes it. */
export interface PreparedLayer {
  accepted: number;
  codes?: { kept: number; matched: number; generated: number; proposals: CodeProposal[] };
  changes?: ChangeSummary;
  /** Writes the layer inside the import's one transaction. */
  apply(tx: Db, importId: number): Promise<void>;
}

export interface LayerInputs {
  db: Db;
  district: DistrictContext;
  read: LayerRead;
  options: DistrictImportOptions;
  report: ReportBuilder;
  hooks: LayerHooks;
}

export type LayerImporter = (inputs: LayerInputs) => Promise<PreparedLayer>;
