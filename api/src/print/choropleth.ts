/**
 * Classes for a choropleth: up to five classes with "nice" breaks between the minimum and the
 * maximum of the values (equal intervals — a leader reads "0–20, 20–40" more easily than
 * quantiles), a sequential palette that survives a greyscale copier, and the legend's rows.
 */

/** Light → dark (ColorBrewer YlOrRd, 5 classes): ordered by lightness, legible in greyscale. */
export const SEQUENTIAL_PALETTE = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;

/** The fill of a grid without a value. */
export const NO_DATA_FILL = '#eeeeee';

export interface ChoroplethClass {
  /** Inclusive lower bound. */
  from: number;
  /** Exclusive upper bound (inclusive for the last class). */
  to: number;
  color: string;
}

function niceStep(span: number, classes: number): number {
  const raw = span / classes;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/** Equal-interval classes on a nice step covering every finite value; [] when there are none. */
export function choroplethClasses(values: readonly number[], maxClasses = SEQUENTIAL_PALETTE.length): ChoroplethClass[] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  if (min === max) return [{ from: min, to: max, color: SEQUENTIAL_PALETTE[SEQUENTIAL_PALETTE.length - 1]! }];
  const step = niceStep(max - min, maxClasses);
  const start = Math.floor(min / step) * step;
  const classes: ChoroplethClass[] = [];
  for (let from = start; from <= max && classes.length < maxClasses + 1; from += step) classes.push({ from, to: from + step, color: '' });
  // The palette's darkest colour always goes to the top class.
  const offset = SEQUENTIAL_PALETTE.length - classes.length;
  return classes.map((c, i) => ({ ...c, color: SEQUENTIAL_PALETTE[Math.max(0, offset + i)]! }));
}

/** The colour of `value`, or the no-data fill. */
export function classColor(classes: readonly ChoroplethClass[], value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value) || classes.length === 0) return NO_DATA_FILL;
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i]!;
    if (value >= c.from && (value < c.to || i === classes.length - 1)) return c.color;
  }
  return value < classes[0]!.from ? classes[0]!.color : classes[classes.length - 1]!.color;
}

/** A legend label "20–40" with at most `digits` decimals. */
export function classLabel(c: ChoroplethClass, digits = 1): string {
  const f = (x: number): string => String(Number(x.toFixed(digits)));
  return c.from === c.to ? f(c.from) : `${f(c.from)}–${f(c.to)}`;
}
