/** Prints a district import report and writes `--json`; the exit code follows the report (0 done, 1 rows rejected). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { LayerReport } from '@gridatlas/api';
import type { CommandContext } from './command.js';

export function printDistrictReport(values: CommandContext['values'], out: (line: string) => void, report: LayerReport): number {
  const n = (x: number) => x.toLocaleString('en');
  out(
    `${report.layer} ${report.file}: ${n(report.read)} read, ${n(report.accepted)} accepted, ${n(report.rejected)} rejected, ` +
      `${n(report.repaired)} repaired, ${n(report.merged)} merged (${report.format}, ${report.crs.id}) in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  for (const [reason, e] of Object.entries(report.reasons)) {
    const where = e.sample.row !== undefined ? `row ${e.sample.row}` : `${e.sample.id}${e.sample.name ? ` ${e.sample.name}` : ''}`;
    out(`  ${e.kind.padEnd(8)} ${reason} ×${n(e.count)} — e.g. ${where}: ${e.sample.detail}`);
  }
  if (report.codes) {
    out(
      `codes: ${n(report.codes.kept)} kept, ${n(report.codes.matched)} matched by name, ${n(report.codes.generated)} generated (confirm them)`,
    );
    for (const p of report.codes.proposals.slice(0, 10))
      out(`  ${p.code} ← ${p.name}${p.officialName ? ` (${p.officialName})` : ''}${p.given ? ` [file: ${p.given}]` : ''} ${p.origin}`);
  }
  if (report.changes) {
    const c = report.changes;
    out(
      `changes: ${n(c.added)} added, ${n(c.removed)} removed, ${n(c.geometryChanged)} geometry changed, ${n(c.attributesChanged)} attributes changed, ${n(c.unchanged)} unchanged`,
    );
  }
  const totals = Object.entries(report.totals).filter(([, v]) => v > 0);
  if (totals.length) out(`totals: ${totals.map(([k, v]) => `${k} ${n(v)}`).join(', ')}`);
  for (const w of report.warnings) out(`warning: ${w}`);
  if (report.written) out(`written as district import ${report.importId}`);
  else if (report.dryRun) out('dry run: nothing written');
  else if (report.rejected > 0) out('rows were rejected: nothing written (fix the file, or --allow-rejected to write the accepted rows)');
  const json = typeof values.json === 'string' && values.json !== '' ? resolve(values.json) : undefined;
  if (json) {
    mkdirSync(dirname(json), { recursive: true });
    writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
    out(`report written to ${json}`);
  }
  return report.rejected > 0 && !report.written ? 1 : 0;
}
