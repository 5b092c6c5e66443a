/**
 * What every printed map needs besides its data: a north arrow and a scale bar whose length is
 * a round number of metres (1, 2 or 5 × 10ⁿ) — the ground scale comes from the map frame.
 */

/** The round length in metres closest below `maxMetres` (1, 2, 5 × 10ⁿ). */
export function roundScaleLength(maxMetres: number): number {
  if (!(maxMetres > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(maxMetres));
  for (const m of [5, 2, 1]) if (m * p <= maxMetres) return m * p;
  return p;
}

export function formatMetres(m: number): string {
  return m >= 1000 ? `${m / 1000} km` : `${m} m`;
}

/** A north arrow centred on `(x, y)`, `size` user units tall. */
export function northArrowSvg(x: number, y: number, size: number): string {
  const h = size / 2;
  const w = size / 4;
  return (
    `<g class="north-arrow" transform="translate(${x.toFixed(1)},${y.toFixed(1)})">` +
    `<path d="M0,${-h} L${w},${h * 0.6} L0,${h * 0.25} Z" fill="#222"/>` +
    `<path d="M0,${-h} L${-w},${h * 0.6} L0,${h * 0.25} Z" fill="#fff" stroke="#222" stroke-width="0.8"/>` +
    `<text x="0" y="${(-h - 3).toFixed(1)}" text-anchor="middle" font-size="${(size * 0.32).toFixed(1)}" font-weight="bold">N</text>` +
    `</g>`
  );
}

/**
 * A scale bar with its right end at `(right, bottom)`, at most `maxUnits` long, for a map of
 * `metresPerUnit`; two alternating halves so its length reads at a glance.
 */
export function scaleBarSvg(right: number, bottom: number, maxUnits: number, metresPerUnit: number, fontSize: number): string {
  const metres = roundScaleLength(maxUnits * metresPerUnit);
  if (metres === 0) return '';
  const len = metres / metresPerUnit;
  const x = right - len;
  const y = bottom - 4;
  const half = len / 2;
  return (
    `<g class="scale-bar">` +
    `<rect x="${x.toFixed(1)}" y="${(y - 4).toFixed(1)}" width="${half.toFixed(1)}" height="4" fill="#222"/>` +
    `<rect x="${(x + half).toFixed(1)}" y="${(y - 4).toFixed(1)}" width="${half.toFixed(1)}" height="4" fill="#fff" stroke="#222" stroke-width="0.6"/>` +
    `<text x="${x.toFixed(1)}" y="${(y - 7).toFixed(1)}" font-size="${fontSize}" text-anchor="start">0</text>` +
    `<text x="${right.toFixed(1)}" y="${(y - 7).toFixed(1)}" font-size="${fontSize}" text-anchor="end">${formatMetres(metres)}</text>` +
    `</g>`
  );
}
