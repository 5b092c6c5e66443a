import type { Region } from '../api/api.types';
import { useI18n } from '../i18n/locale.store';
import { regionPath, type RegionIndex } from '../state/region-index';
import { selectRegion } from '../state/view.store';

/** District → subdistrict → community, each list narrowed by the level above. */
export function RegionPicker({ index, region }: { index: RegionIndex; region: Region }) {
  const { t } = useI18n();
  const district = index.district;
  if (!district) return null;
  const path = regionPath(region.code);
  const subdistricts = index.childrenOf(district.code);
  const communities = path.subdistrict ? index.childrenOf(path.subdistrict) : [];
  return (
    <section className="panel-section" aria-labelledby="region-title">
      <h2 id="region-title">{t('region.title')}</h2>
      <div className="fields">
        <label className="field">
          <span>{t('region.district')}</span>
          <select value={district.code} onChange={() => selectRegion(district.code)} data-testid="pick-district">
            <option value={district.code}>{district.name}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('region.subdistrict')}</span>
          <select
            value={path.subdistrict ?? ''}
            onChange={(e) => selectRegion(e.target.value || district.code)}
            data-testid="pick-subdistrict"
          >
            <option value="">{t('region.all')}</option>
            {subdistricts.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('region.community')}</span>
          <select
            value={path.community ?? ''}
            disabled={!path.subdistrict}
            onChange={(e) => selectRegion(e.target.value || path.subdistrict || district.code)}
            data-testid="pick-community"
          >
            <option value="">{t('region.all')}</option>
            {communities.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}
