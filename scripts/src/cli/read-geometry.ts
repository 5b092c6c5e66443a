/**
 * Every command reads geometry through core's normalising step (normaliseFeatures): repairs
 * are made and listed, and a feature of which nothing can be kept refuses the whole input
 * (exit 2) with the count per reason and the first few features by their own id, so nothing
 * is left out silently. Reports go into the commands' JSON and text output.
 */
import { normaliseFeatures, type GeometryExpectation, type NormalisedFeature, type NormaliseReport } from '@gridatlas/core';
import type { Feature } from 'geojson';
import { UsageError } from './command.js';

const SHOW = 3;

/** A file's features after the normalising step, with its report. */
export interface NormalisedInput {
  items: NormalisedFeature[];
  report: NormaliseReport;
}

const who = (e: { id: string; name?: string }): string => (e.name ? `${e.id} (${e.name})` : e.id);

/** Normalises `features` of `option`; throws a UsageError (exit 2) listing every rejected feature by reason. */
export function normaliseInput(
  features: readonly Feature[],
  option: string,
  expect: GeometryExpectation | readonly GeometryExpectation[],
  fields: { idField?: string; nameField?: string } = {},
): NormalisedInput {
  const { items, report } = normaliseFeatures(features, { expect, ...fields });
  if (report.rejected > 0) {
    const refused = report.rejections.filter((r) => !items.some((i) => i.index === r.index));
    const byReason = new Map<string, typeof refused>();
    for (const r of refused) byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), r]);
    const parts = [...byReason].map(([reason, list]) => {
      const ids = list
        .slice(0, SHOW)
        .map((r) => who(r))
        .join(', ');
      return `${reason} × ${list.length} (${ids}${list.length > SHOW ? ` and ${list.length - SHOW} more` : ''}): ${list[0]!.detail}`;
    });
    throw new UsageError(
      `${option}: ${report.rejected} of ${report.read} feature(s) cannot be read, nothing was done — ${parts.join('; ')}`,
    );
  }
  return { items, report };
}

/** "579 read, 579 accepted, 3 repaired, 0 rejected; nested_shell × 3 (e.g. 1500000US…)". */
export function geometryLines(label: string, report: NormaliseReport, show = SHOW): string[] {
  const lines = [`${label}: ${report.read} read, ${report.accepted} accepted, ${report.repaired} repaired, ${report.rejected} rejected`];
  const reasons = Object.entries(report.reasons).filter(([, r]) => !r.informational);
  for (const [reason, r] of reasons) {
    const list = (r.kind === 'repair' ? report.repairs : report.rejections).filter((e) => e.reason === reason);
    const ids = list
      .slice(0, show)
      .map((e) => who(e))
      .join(', ');
    const area = r.sample.areaBeforeM2 !== undefined ? ` (${r.sample.areaBeforeM2} → ${r.sample.areaAfterM2} m²)` : '';
    lines.push(
      `  ${r.kind === 'repair' ? 'repaired' : 'left out'}: ${reason} × ${r.count} — ${ids}${list.length > show ? ` and ${list.length - show} more` : ''}; e.g. ${r.sample.detail}${area}`,
    );
  }
  const quiet = Object.entries(report.reasons).filter(([, r]) => r.informational);
  if (quiet.length > 0) lines.push(`  read as is: ${quiet.map(([reason, r]) => `${reason} × ${r.count}`).join(', ')}`);
  return lines;
}

/** Lines for every file whose geometry needed more than reading as is. */
export function geometryReportLines(reports: Readonly<Record<string, NormaliseReport | undefined>>): string[] {
  return Object.entries(reports).flatMap(([file, r]) =>
    r && (r.repaired > 0 || r.rejections.length > 0) ? geometryLines(`geometry of --${file}`, r) : [],
  );
}
