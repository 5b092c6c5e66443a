import { useI18n } from '../i18n/locale.store';
import type { LayerReport } from '@gridatlas/api/contract';
import { PROBLEM_COLOURS } from './import-preview-map';

const LIST_LIMIT = 200;

/** A dry run's or an import's report: figures, the count per reason with a sample, changes, and the problems list. */
export function ImportReportView({ report, onFocus }: { report: LayerReport; onFocus(at: [number, number] | null, index: number): void }) {
  const { t } = useI18n();
  const reasons = Object.entries(report.reasons).sort((a, b) => b[1].count - a[1].count);
  const c = report.changes;
  return (
    <div className="import-report" data-testid="import-report">
      <dl className="import-figures">
        {(['read', 'accepted', 'rejected', 'repaired', 'merged'] as const).map((k) => (
          <div key={k} className={k === 'rejected' && report.rejected > 0 ? 'bad' : undefined}>
            <dt>{t(`import.${k}`)}</dt>
            <dd data-testid={`import-${k}`}>{report[k].toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      {c && (
        <p className="dialog-hint" data-testid="import-changes">
          {t('import.changes', {
            added: c.added,
            removed: c.removed,
            geometry: c.geometryChanged,
            attributes: c.attributesChanged,
            unchanged: c.unchanged,
          })}
        </p>
      )}
      {reasons.length > 0 && (
        <table className="import-table" data-testid="import-reasons">
          <thead>
            <tr>
              <th>{t('import.reason')}</th>
              <th>{t('import.count')}</th>
              <th>{t('import.sample')}</th>
            </tr>
          </thead>
          <tbody>
            {reasons.map(([reason, entry]) => (
              <tr key={reason}>
                <td>
                  <span className="import-kind" style={{ background: PROBLEM_COLOURS[entry.kind] }}>
                    {t(`import.kind.${entry.kind}`)}
                  </span>{' '}
                  {reason}
                </td>
                <td className="num">{entry.count.toLocaleString()}</td>
                <td>
                  {[entry.sample.row !== undefined ? `#${entry.sample.row}` : null, entry.sample.id, entry.sample.name]
                    .filter(Boolean)
                    .join(' · ')}{' '}
                  — {entry.sample.detail}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.problems.length === 0 ? (
        <p className="dialog-hint">{t('import.noProblems')}</p>
      ) : (
        <details open className="import-problems">
          <summary>
            {t('import.problems', { n: report.problems.length })}
            {report.problemsTruncated && ` · ${t('import.problemsTruncated', { n: report.problems.length })}`}
          </summary>
          <ul data-testid="import-problem-list">
            {report.problems.slice(0, LIST_LIMIT).map((p, n) => (
              <li key={n}>
                <button type="button" onClick={() => onFocus(p.at ?? null, p.index)}>
                  <span className="import-dot" style={{ background: PROBLEM_COLOURS[p.kind] }} /> {p.id || `#${p.index + 1}`}: {p.reason} —{' '}
                  {p.detail}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
