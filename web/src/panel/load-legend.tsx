import { useId, useMemo } from 'react';
import type { RuleProfile } from '@gridatlas/core';
import { useI18n } from '../i18n/locale.store';
import { DEDICATED_GRID_COLOUR, loadColour, loadStops } from '../map/load-colour';

/** Legend of the grid load colours, with the rule it is measured against. */
export function LoadLegend({ profile }: { profile: RuleProfile }) {
  const { t } = useI18n();
  // Two of it may be mounted at once (the side panel's and a presented slide's): ids of their own.
  const titleId = useId();
  const under = Math.round(profile.underFillRatio * 100);
  const gradient = useMemo(() => {
    // 0–200 % of the cap across the bar; stops at their share of the width.
    const stops = loadStops(profile.underFillRatio).map((s) => `${s.colour} ${Math.min(s.load / 2, 1) * 100}%`);
    return `linear-gradient(to right, ${stops.join(', ')})`;
  }, [profile.underFillRatio]);
  const classes = [
    { key: 'legend.under', colour: loadColour(profile.underFillRatio / 2, profile.underFillRatio) },
    { key: 'legend.ok', colour: loadColour(0.8, profile.underFillRatio) },
    { key: 'legend.over', colour: loadColour(1.3, profile.underFillRatio), over: true },
    { key: 'legend.dedicated', colour: DEDICATED_GRID_COLOUR },
  ] as const;
  return (
    <section className="panel-section" aria-labelledby={titleId} data-testid="load-legend">
      <h2 id={titleId}>{t('legend.title')}</h2>
      <div className="legend-bar" style={{ background: gradient }} aria-hidden="true" />
      <div className="legend-ticks" aria-hidden="true">
        <span>0</span>
        <span style={{ left: `${under / 2}%` }}>{under}%</span>
        <span style={{ left: '50%' }}>100%</span>
        <span>200%</span>
      </div>
      <ul className="legend-classes">
        {classes.map((c) => (
          <li key={c.key}>
            <span className={'swatch' + ('over' in c ? ' swatch-over' : '')} style={{ background: c.colour }} />
            {t(c.key, { under })}
          </li>
        ))}
      </ul>
      <p className="legend-note">
        {t(profile.combine === 'all' ? 'legend.formulaAll' : 'legend.formula', {
          households: profile.maxHouseholds,
          persons: profile.maxPersons,
        })}
      </p>
    </section>
  );
}
