/**
 * Sequential colour classes for choropleths and hexbins: class breaks from the data's
 * quantiles (rounded to readable numbers) and a ramp from pale to dark, as RGB triples for
 * deck.gl and as a MapLibre `step` expression.
 */
export type Rgb = [number, number, number];

/** Yellow–orange–red, 6 classes (ColorBrewer YlOrRd). */
export const HEAT_RAMP: readonly Rgb[] = [
  [255, 255, 178],
  [254, 217, 118],
  [254, 178, 76],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
];
/** Blue–green for coverage (more is better), 6 classes (ColorBrewer GnBu). */
export const COVER_RAMP: readonly Rgb[] = [
  [240, 249, 232],
  [204, 235, 197],
  [168, 221, 181],
  [123, 204, 196],
  [67, 162, 202],
  [8, 104, 172],
];
/**
 * Fixed classes for patrol coverage (% of a grid's street length): a bounded share reads best
 * against the same thresholds every time, and quantiles collapse when most grids are fully
 * covered. Classes: < 50, 50–70, 70–85, 85–95, 95–100, 100.
 */
export const COVERAGE_BREAKS: readonly number[] = [50, 70, 85, 95, 100];
/** Purples for special-group density, 6 classes. */
export const PURPLE_RAMP: readonly Rgb[] = [
  [242, 240, 247],
  [218, 218, 235],
  [188, 189, 220],
  [158, 154, 200],
  [117, 107, 177],
  [84, 39, 143],
];

/** Rounds up to two significant digits (131.6 → 140, 0.73 → 0.73), so legend numbers read cleanly yet stay distinct. */
export function niceCeil(value: number): number {
  if (value <= 0) return 0;
  const step = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Number((Math.ceil(value / step - 1e-9) * step).toPrecision(2));
}

/**
 * Up to `classes − 1` increasing breaks from quantiles of the positive values; a value v
 * falls in class i where breaks[i−1] ≤ v < breaks[i].
 *
 * @example
 * classBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5) // [3, 5, 7, 9]
 */
export function classBreaks(values: readonly number[], classes = 6): number[] {
  const sorted = values.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  if (!sorted.length) return [];
  const breaks: number[] = [];
  for (let i = 1; i < classes; i++) {
    const q = sorted[Math.min(sorted.length - 1, Math.floor((i / classes) * sorted.length))]!;
    const b = niceCeil(q);
    if (b > (breaks[breaks.length - 1] ?? 0)) breaks.push(b);
  }
  return breaks;
}

export function classOf(value: number, breaks: readonly number[]): number {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]!) i++;
  return i;
}

export const rgbCss = ([r, g, b]: Rgb, alpha = 1): string => (alpha === 1 ? `rgb(${r},${g},${b})` : `rgba(${r},${g},${b},${alpha})`);

/** MapLibre `step` on a numeric property, or `fallback` where it is missing. */
export function stepExpression(property: string, breaks: readonly number[], ramp: readonly Rgb[], fallback = 'rgba(0,0,0,0)'): unknown[] {
  const colours = ramp.slice(ramp.length - breaks.length - 1);
  // A `step` needs at least one stop; with no breaks every value gets the one colour.
  const step = breaks.length
    ? ['step', ['to-number', ['get', property]], rgbCss(colours[0]!), ...breaks.flatMap((b, i) => [b, rgbCss(colours[i + 1]!)])]
    : rgbCss(colours[0]!);
  return ['case', ['has', property], step, fallback];
}

/** The colours used for `breaks` (the darkest end of the ramp when there are few classes). */
export function rampFor(breaks: readonly number[], ramp: readonly Rgb[]): Rgb[] {
  return ramp.slice(ramp.length - breaks.length - 1);
}
