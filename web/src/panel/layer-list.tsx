import { useI18n } from '../i18n/locale.store';
import { LAYER_GROUPS } from '../map/layer-groups';
import { useStore } from '../state/create-store';
import { layerVisibilityStore, toggleLayer } from '../state/view.store';

export function LayerList() {
  const { t } = useI18n();
  const visibility = useStore(layerVisibilityStore);
  return (
    <section className="panel-section" aria-labelledby="layers-title">
      <h2 id="layers-title">{t('layers.title')}</h2>
      <ul className="layer-list">
        {LAYER_GROUPS.map((group) => (
          <li key={group}>
            <label>
              <input type="checkbox" checked={visibility[group]} onChange={() => toggleLayer(group)} data-testid={`layer-${group}`} />
              {t(`layer.${group}`)}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
