/** Counts of a running import and the report built from them. */
import type { GeometryRepair } from '@gridatlas/core';
import type { FieldMapping, ImportFormat, ImportReport, RejectReason, RejectedRow } from './import.types.js';

export class ImportTally {
  total = 0;
  accepted = 0;
  rejected = 0;
  readonly reasons: Partial<Record<RejectReason, number>> = {};
  readonly sample: RejectedRow[] = [];
  readonly repairs: ImportReport['repairs'] = {};
  private minT = Infinity;
  private maxT = -Infinity;

  constructor(private readonly sampleSize = 20) {}

  reject(row: number, layer: string | undefined, reason: RejectReason, detail?: string, count = 1): void {
    this.rejected += count;
    this.reasons[reason] = (this.reasons[reason] ?? 0) + count;
    if (this.sample.length < this.sampleSize) this.sample.push({ row, ...(layer ? { layer } : {}), reason, ...(detail ? { detail } : {}) });
  }

  /** A repair the normalising step made to the position of a row that passed its checks. */
  repair(row: number, layer: string | undefined, r: GeometryRepair): void {
    const kept = this.repairs[r.reason];
    if (kept) kept.count++;
    else
      this.repairs[r.reason] = {
        count: 1,
        ...(r.informational ? { informational: true } : {}),
        sample: { row, ...(layer ? { layer } : {}), detail: r.detail },
      };
  }

  accept(timeMs: number, count = 1): void {
    this.accepted += count;
    if (timeMs < this.minT) this.minT = timeMs;
    if (timeMs > this.maxT) this.maxT = timeMs;
  }

  report(base: {
    kind: ImportReport['kind'];
    format: ImportFormat;
    file: string;
    dryRun: boolean;
    fields: FieldMapping;
    startedMs: number;
  }): ImportReport {
    const { startedMs, ...rest } = base;
    return {
      ...rest,
      batchId: null,
      total: this.total,
      accepted: this.accepted,
      rejected: this.rejected,
      reasons: this.reasons,
      sample: this.sample,
      repairs: this.repairs,
      timeRange: this.accepted > 0 ? { from: new Date(this.minT).toISOString(), to: new Date(this.maxT).toISOString() } : null,
      durationMs: Math.round(performance.now() - startedMs),
    };
  }
}
