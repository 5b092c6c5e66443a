/**
 * Incident categories as the data names them (Chinese), with English names and a colour
 * each; a category not listed shows in grey under its own name.
 */
import type { Locale } from '../i18n/translate';
import type { Rgb } from './colour-scale';

const CATEGORIES: readonly { zh: string; en: string; rgb: Rgb }[] = [
  { zh: '环境卫生', en: 'Sanitation', rgb: [31, 119, 180] },
  { zh: '市政设施', en: 'Municipal facilities', rgb: [255, 127, 14] },
  { zh: '矛盾纠纷', en: 'Disputes', rgb: [44, 160, 44] },
  { zh: '治安隐患', en: 'Public order', rgb: [214, 39, 40] },
  { zh: '噪音扰民', en: 'Noise', rgb: [148, 103, 189] },
  { zh: '违章搭建', en: 'Illegal building', rgb: [140, 86, 75] },
  { zh: '民生服务', en: 'Public services', rgb: [227, 119, 194] },
  { zh: '消防安全', en: 'Fire safety', rgb: [188, 189, 34] },
  { zh: '食品安全', en: 'Food safety', rgb: [23, 190, 207] },
  { zh: '安全生产', en: 'Workplace safety', rgb: [127, 127, 127] },
];

const GREY: Rgb = [150, 150, 150];
const EXTRA: readonly Rgb[] = [
  [0, 0, 128],
  [128, 0, 0],
  [0, 128, 128],
  [128, 128, 0],
];

export function categoryColour(key: string, index = 0): Rgb {
  return CATEGORIES.find((c) => c.zh === key)?.rgb ?? EXTRA[index % EXTRA.length] ?? GREY;
}

export function categoryName(key: string, locale: Locale): string {
  return locale === 'en' ? (CATEGORIES.find((c) => c.zh === key)?.en ?? key) : key;
}

/** MapLibre colour of a feature's `category` property. */
export function categoryColourExpression(keys: readonly string[]): unknown[] {
  const pairs = keys.flatMap((k, i) => [k, `rgb(${categoryColour(k, i).join(',')})`]);
  return pairs.length ? ['match', ['get', 'category'], ...pairs, `rgb(${GREY.join(',')})`] : ['literal', `rgb(${GREY.join(',')})`];
}

/** A stable colour per patrol worker (a small hash over the id). */
export function staffColour(staffId: string): Rgb {
  let h = 0;
  for (let i = 0; i < staffId.length; i++) h = (h * 31 + staffId.charCodeAt(i)) >>> 0;
  return CATEGORIES[h % CATEGORIES.length]!.rgb;
}

export const KNOWN_CATEGORIES: readonly string[] = CATEGORIES.map((c) => c.zh);
