/** A small line of the figure's last months (SVG), the period's value marked; its words are in the title. */
import { sparklinePath } from './sparkline-path';

const WIDTH = 96;
const HEIGHT = 24;

export function Sparkline({ values, label }: { values: readonly (number | null)[]; label: string }) {
  const path = sparklinePath(values, WIDTH, HEIGHT);
  if (!path) return null;
  // The period's own point: the path's last move or line-to.
  const last = /([\d.]+) ([\d.]+)$/.exec(path);
  return (
    <svg className="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
      <title>{label}</title>
      <path d={path} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" />
      {last && <circle cx={last[1]} cy={last[2]} r={2.5} fill="currentColor" />}
    </svg>
  );
}
