/**
 * The grid card's visits section (visits.read): due, done and overdue in the clicked grid for
 * special groups (persons, suppressed as "<5" like every special-group count) and ordinary
 * households, as of the district's reference day.
 */
import { useEffect, useState } from 'react';
import type { SuppressedCellValue, User, VisitDueGrids } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { fetchDueGrids } from './visits-api';
import './visits.css';

type Row = VisitDueGrids['rows'][number];
const show = (c: SuppressedCellValue) => ('count' in c ? c.count.toLocaleString() : c.display);

export function GridVisitsSection({ user, code }: { user: User; code: string }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<{ day: string; special: Row | null; household: Row | null } | null>(null);
  const allowed = user.permissions.includes('visits.read');
  useEffect(() => {
    if (!allowed) return;
    setRows(null);
    const abort = new AbortController();
    const community = code.slice(0, 12);
    Promise.all([fetchDueGrids(community, null, abort.signal), fetchDueGrids(community, 'household', abort.signal)])
      .then(([special, household]) =>
        setRows({
          day: special.day,
          special: special.rows.find((r) => r.code === code) ?? null,
          household: household.rows.find((r) => r.code === code) ?? null,
        }),
      )
      .catch(() => {});
    return () => abort.abort();
  }, [allowed, code]);
  if (!allowed || !rows) return null;
  const line = (label: string, r: Row | null) =>
    r && (
      <tr>
        <td>{label}</td>
        <td>{show(r.due)}</td>
        <td>{show(r.done)}</td>
        <td className="overdue" title={r.maxOverdueDays !== null ? t('visits.card.longest', { n: r.maxOverdueDays }) : undefined}>
          {show(r.overdue)}
        </td>
      </tr>
    );
  return (
    <section className="grid-visits" data-testid="grid-visits">
      <h3>{t('visits.card.title', { day: rows.day })}</h3>
      <table>
        <thead>
          <tr>
            <th />
            <th>{t('visits.card.due')}</th>
            <th>{t('visits.card.done')}</th>
            <th>{t('visits.card.overdue')}</th>
          </tr>
        </thead>
        <tbody>
          {line(t('visits.card.special'), rows.special)}
          {line(t('visits.card.household'), rows.household)}
        </tbody>
      </table>
    </section>
  );
}
