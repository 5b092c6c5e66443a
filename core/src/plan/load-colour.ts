/**
 * Colours for grid load (households ÷ household cap, or the rule profile's deciding ratio;
 * 1 = exactly at the cap). Sequential inside the standard, switching hue past the cap so
 * "over" reads at a glance: pale = under-filled, green = within the standard, red = over.
 *
 * One scale for the web map, its legend and the printed maps (api/src/print), so a printed
 * slide reads like the live map it stands for.
 */
export interface LoadStop {
  /** Load as a share of the cap (0.4 = 40 %). */
  load: number;
  colour: string;
}

/** Breaks of the scale; the under-fill floor comes from the district's rule profile. */
export function loadStops(underFillRatio: number): LoadStop[] {
  return [
    { load: 0, colour: '#f3f1ea' },
    { load: underFillRatio * 0.999, colour: '#dfe8c8' },
    { load: underFillRatio, colour: '#b5dca2' },
    { load: 1, colour: '#3f9b57' },
    { load: 1.0001, colour: '#f08a6c' },
    { load: 1.5, colour: '#d7301f' },
    { load: 2, colour: '#99000d' },
  ];
}

/** The colour for one load value, matching the map (linear between stops, in sRGB). */
export function loadColour(load: number, underFillRatio: number): string {
  const stops = loadStops(underFillRatio);
  const first = stops[0]!;
  const last = stops[stops.length - 1]!;
  if (!(load > first.load)) return first.colour;
  if (load >= last.load) return last.colour;
  for (let i = 1; i < stops.length; i++) {
    const hi = stops[i]!;
    const lo = stops[i - 1]!;
    if (load <= hi.load) return mix(lo.colour, hi.colour, (load - lo.load) / (hi.load - lo.load));
  }
  return last.colour;
}

function mix(a: string, b: string, t: number): string {
  const pa = parseHex(a);
  const pb = parseHex(b);
  const channel = (i: number) => Math.round(pa[i]! + (pb[i]! - pa[i]!) * t);
  return `#${[0, 1, 2].map((i) => channel(i).toString(16).padStart(2, '0')).join('')}`;
}

function parseHex(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

/** Fill of dedicated grids (schools, hospitals): outside the household rule, so no load colour. */
export const DEDICATED_GRID_COLOUR = '#a9bdd6';
