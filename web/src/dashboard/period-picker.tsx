/** The month shown: the last 13 months up to the reference date's, newest first. */
import { useI18n } from '../i18n/locale.store';
import { dashboardPeriodStore } from './dashboard.store';
import { periodLabel, periodOf, recentPeriods } from './period';

export function PeriodPicker({ period, referenceDate }: { period: string; referenceDate: string }) {
  const { t, locale } = useI18n();
  const options = recentPeriods(periodOf(referenceDate), 13);
  if (!options.includes(period)) options.push(period);
  return (
    <label className="dash-period" title={t('dashboard.compared')}>
      <span>{t('dashboard.period')}</span>
      <select value={period} data-testid="dashboard-period" onChange={(e) => dashboardPeriodStore.set(e.target.value)}>
        {options.map((p) => (
          <option key={p} value={p}>
            {periodLabel(p, locale)}
          </option>
        ))}
      </select>
      <small className="dash-compared">{t('dashboard.compared')}</small>
    </label>
  );
}
