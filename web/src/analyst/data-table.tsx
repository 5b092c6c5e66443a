/** The active layer's table (first rows shown, all exported) with the CSV and PNG exports. */
import { useI18n } from '../i18n/locale.store';
import { analystGridStore } from './analyst.store';
import { downloadBlob, toCsv } from './csv';
import type { TableModel } from './table-model';

const SHOWN = 200;

export function DataTable({ table, onExportPng }: { table: TableModel; onExportPng: (() => void) | null }) {
  const { t } = useI18n();
  const header = table.columns.map((c) => (typeof c.label === 'string' ? t(c.label) : c.label.text));
  const exportCsv = () =>
    downloadBlob(new Blob([toCsv(header, table.rows)], { type: 'text/csv;charset=utf-8' }), `gridatlas-${table.name}.csv`);
  return (
    <section className="analyst-table-section">
      <div className="analyst-exports">
        <button type="button" data-testid="export-csv" onClick={exportCsv}>
          {t('analyst.export.csv')}
        </button>
        <button type="button" data-testid="export-png" disabled={!onExportPng} onClick={() => onExportPng?.()}>
          {t('analyst.export.png')}
        </button>
        <span className="analyst-rows" data-testid="table-rows">
          {t('analyst.table.rows', { n: table.rows.length })}
        </span>
      </div>
      <div className="analyst-table-scroll">
        <table className="analyst-table" data-testid="analyst-table">
          <thead>
            <tr>
              {header.map((h, i) => (
                <th key={table.columns[i]!.key}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.slice(0, SHOWN).map((row, r) => (
              <tr key={r} onClick={() => table.columns[0]?.key === 'code' && analystGridStore.set(String(row[0]))}>
                {row.map((cell, c) => (
                  <td key={c} className={typeof cell === 'number' ? 'num' : undefined}>
                    {typeof cell === 'number' ? cell.toLocaleString() : (cell ?? '')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
