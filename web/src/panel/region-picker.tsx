import type { Region } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { regionPath, type RegionIndex } from '../state/region-index';
import { loadDistrictMeta } from '../state/app-data.store';
import { selectRegion } from '../state/view.store';

/**
 * District → subdistrict → community, each list narrowed by the level above. A city-level
 * user picks among several districts; synthetic (demo) ones say so.
 */
export function RegionPicker({ index, region, synthetic }: { index: RegionIndex; region: Region; synthetic: ReadonlySet<string> }) {
  const { t } = useI18n();
  const path = regionPath(region.code);
  const district = index.byCode.get(path.district) ?? index.district;
  if (!district) return null;
  const pickDistrict = (code: string) => {
    selectRegion(code);
    void loadDistrictMeta(code);
  };
  const subdistricts = index.childrenOf(district.code);
  const communities = path.subdistrict ? index.childrenOf(path.subdistrict) : [];
  const districtName = (d: Region) => (synthetic.has(d.code) ? t('region.syntheticDistrict', { name: d.name }) : d.name);
  // A narrow list cuts a long name: its title shows the chosen one in full.
  const nameOf = (code: string | null | undefined) => (code ? index.byCode.get(code)?.name : undefined) ?? t('region.all');
  return (
    <section className="panel-section" aria-labelledby="region-title">
      <h2 id="region-title">{t('region.title')}</h2>
      <div className="fields">
        <label className="field">
          <span>{t('region.district')}</span>
          <select
            value={district.code}
            title={districtName(district)}
            onChange={(e) => pickDistrict(e.target.value)}
            data-testid="pick-district"
          >
            {index.districts.map((d) => (
              <option key={d.code} value={d.code}>
                {districtName(d)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('region.subdistrict')}</span>
          <select
            value={path.subdistrict ?? ''}
            title={nameOf(path.subdistrict)}
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
            title={nameOf(path.community)}
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
