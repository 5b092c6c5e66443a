/**
 * The report every district import gives — on the command line (`--json`), in a dry run and
 * as a job's result: what was read, accepted, rejected, repaired and merged, the count per
 * reason with a sample (the first occurrence, to find it in one's own file), the code
 * proposals, the changes against what the database held, and every problem per feature with
 * a place, for the wizard's map. Samples of sensitive layers name rows, never personal data.
 */
export type ReasonKind = 'rejected' | 'repaired' | 'merged' | 'warning' | 'proposed';

export interface ReasonEntry {
  kind: ReasonKind;
  count: number;
  /** The first occurrence: its row (1-based) or id in the file, its name, what was found. */
  sample: { row?: number; id?: string; name?: string; detail: string };
}

export interface FeatureProblem {
  /** 0-based position in the file. */
  index: number;
  id: string;
  reason: string;
  kind: ReasonKind;
  detail: string;
  /** Where, `[lng, lat]` WGS84, when it has a place. */
  at?: [number, number];
}

export interface CodeProposal {
  /** The feature's id and name in the file. */
  id: string;
  name: string;
  /** The code the file gave (absent or unusable), and the one proposed. */
  given: string | null;
  code: string;
  origin: 'matched' | 'generated';
  /** For a match: the official name it matched. */
  officialName?: string;
}

export interface ChangeEntry {
  code: string;
  name: string;
  change: 'added' | 'removed' | 'geometry' | 'attributes' | 'geometry+attributes';
  /** Attribute names that changed. */
  fields?: string[];
}

export interface ChangeSummary {
  added: number;
  removed: number;
  geometryChanged: number;
  attributesChanged: number;
  unchanged: number;
  list: ChangeEntry[];
}

export interface LayerReport {
  layer: string;
  districtCode: string;
  file: string;
  format: string;
  crs: { id: string; how: string };
  encoding: { name: string; how: string };
  dryRun: boolean;
  /** Whether the import was written (false in a dry run, and whenever rows were rejected). */
  written: boolean;
  /** The district_imports row when written. */
  importId: number | null;
  read: number;
  accepted: number;
  rejected: number;
  repaired: number;
  merged: number;
  reasons: Record<string, ReasonEntry>;
  codes: { kept: number; matched: number; generated: number; proposals: CodeProposal[] } | null;
  changes: ChangeSummary | null;
  /** Figures of the layer, e.g. households, estimated buildings, registry rows matched. */
  totals: Record<string, number>;
  /** Every problem per feature (at most `MAX_PROBLEMS`), for the map. */
  problems: FeatureProblem[];
  problemsTruncated: boolean;
  warnings: string[];
  durationMs: number;
}

export const MAX_PROBLEMS = 5000;

/**
 * Findings counted with a sample in `reasons` but not listed per feature on the map: a
 * rewrite that changes nothing a person would check (rings turned to RFC 7946 order). Files
 * from desktop GIS turn most rings the other way; listing each would bury the real problems.
 */
export const UNLISTED_REASONS: ReadonlySet<string> = new Set(['ring_reoriented']);

/** Collects reasons and per-feature problems while a layer is checked. */
export class ReportBuilder {
  readonly reasons: Record<string, ReasonEntry> = {};
  readonly problems: FeatureProblem[] = [];
  problemsTruncated = false;
  readonly warnings: string[] = [];
  readonly totals: Record<string, number> = {};
  rejected = new Set<number>();
  repaired = new Set<number>();
  merged = 0;

  /**
   * Records one finding. `who.index` is the feature's 0-based position; rejected and repaired
   * features are counted once each however many reasons they have.
   */
  add(
    kind: ReasonKind,
    reason: string,
    who: { index: number; id: string; name?: string; row?: number },
    detail: string,
    at?: [number, number],
  ): void {
    const entry = this.reasons[reason];
    if (entry) entry.count++;
    else {
      this.reasons[reason] = {
        kind,
        count: 1,
        sample: { ...(who.row !== undefined ? { row: who.row } : {}), id: who.id, ...(who.name ? { name: who.name } : {}), detail },
      };
    }
    if (kind === 'rejected') this.rejected.add(who.index);
    if (kind === 'repaired') this.repaired.add(who.index);
    if (UNLISTED_REASONS.has(reason)) return;
    if (this.problems.length < MAX_PROBLEMS)
      this.problems.push({ index: who.index, id: who.id, reason, kind, detail, ...(at ? { at } : {}) });
    else this.problemsTruncated = true;
  }

  /** Adds `n` to a total. */
  total(name: string, n = 1): void {
    this.totals[name] = (this.totals[name] ?? 0) + n;
  }
}
