import type { User } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';

/**
 * What an empty database shows instead of a map (GRIDATLAS_DEMO=0, first start): how to
 * begin — the wizard for an admin who may import, the command line beside it, and for anyone
 * else whom to ask.
 */
export function FirstRunPanel({ user, onStart }: { user: User; onStart(): void }) {
  const { t } = useI18n();
  const canImport = user.permissions.includes('districts.import');
  return (
    <div className="first-run" data-testid="first-run">
      <h2>{t('firstRun.title')}</h2>
      <p>{t('firstRun.intro')}</p>
      <ol>
        <li>{t('firstRun.step1')}</li>
        <li>{t('firstRun.step2')}</li>
        <li>{t('firstRun.step3')}</li>
      </ol>
      {canImport ? (
        <>
          <button type="button" className="plan-button" onClick={onStart} data-testid="first-run-start">
            {t('firstRun.start')}
          </button>
          <p className="legend-note">{t('firstRun.cli')}</p>
          <pre className="first-run-cli">
            {[
              'pnpm gridatlas district create --code 420111 --name 洪山区 --boundary hongshan.zip',
              'pnpm gridatlas district import communities communities.zip --district 420111',
              'pnpm gridatlas district import buildings buildings.geojson --district 420111 --estimate-households',
              'pnpm gridatlas district list',
            ].join('\n')}
          </pre>
        </>
      ) : (
        <p className="dialog-warning">{t('firstRun.askAdmin')}</p>
      )}
    </div>
  );
}
