/** Incident category checkboxes; none ticked means all (the request sends no category). */
import { useI18n } from '../i18n/locale.store';
import { categoryColour, categoryName } from './category-colours';
import { rgbCss } from './colour-scale';
import { filtersStore } from './analyst.store';

export function CategoryFilter({ categories, selected }: { categories: readonly string[]; selected: readonly string[] }) {
  const { t, locale } = useI18n();
  const set = (next: readonly string[]) =>
    filtersStore.set((prev) => (prev ? { ...prev, categories: next.length === categories.length ? [] : next } : prev));
  const toggle = (c: string) => {
    const current = selected.length ? selected : categories;
    set(current.includes(c) ? current.filter((x) => x !== c) : [...current, c]);
  };
  return (
    <fieldset className="analyst-categories" data-testid="analyst-categories">
      <legend>
        {t('analyst.categories')}
        <button type="button" className="link-button" onClick={() => set([])}>
          {t('analyst.categoriesAll')}
        </button>
      </legend>
      {categories.map((c, i) => (
        <label key={c}>
          <input type="checkbox" checked={!selected.length || selected.includes(c)} data-category={c} onChange={() => toggle(c)} />
          <span className="swatch" style={{ background: rgbCss(categoryColour(c, i)) }} />
          {categoryName(c, locale)}
        </label>
      ))}
    </fieldset>
  );
}
