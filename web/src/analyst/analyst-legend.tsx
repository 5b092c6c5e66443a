/** The active layer's legend: a title with the unit, then colour classes, a gradient or keyed swatches. */
import { rgbCss, type Rgb } from './colour-scale';

export interface LegendEntry {
  colour: string;
  label: string;
  kind?: 'box' | 'line' | 'hatch' | 'dot';
}
export interface LegendSpec {
  title: string;
  entries: LegendEntry[];
  /** A continuous ramp with end labels (the heatmap). */
  gradient?: { colours: readonly Rgb[]; low: string; high: string };
  note?: string;
}

const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString() : String(Number(v.toFixed(1))));

/**
 * Labels of step classes: `< b0`, `b0–b1`, …, `≥ bn`; none when there are no breaks. With
 * `max` (the most a value can be, e.g. 100 for a share in %) equal to the last break, the top
 * class is that value alone: `100`, not `≥ 100`.
 */
export function classEntries(breaks: readonly number[], colours: readonly Rgb[], max?: number): LegendEntry[] {
  if (!breaks.length) return [];
  const last = breaks[breaks.length - 1]!;
  const top = max === last ? fmt(last) : `≥ ${fmt(last)}`;
  return colours.map((c, i) => ({
    colour: rgbCss(c),
    label: i === 0 ? `< ${fmt(breaks[0]!)}` : i === breaks.length ? top : `${fmt(breaks[i - 1]!)}–${fmt(breaks[i]!)}`,
  }));
}

export function AnalystLegend({ spec }: { spec: LegendSpec }) {
  return (
    <section className="analyst-legend" data-testid="analyst-legend">
      <h4>{spec.title}</h4>
      {spec.gradient && (
        <div className="legend-gradient">
          <span>{spec.gradient.low}</span>
          <i style={{ background: `linear-gradient(to right, ${spec.gradient.colours.map((c) => rgbCss(c)).join(',')})` }} />
          <span>{spec.gradient.high}</span>
        </div>
      )}
      <ul>
        {spec.entries.map((e) => (
          <li key={e.label + e.colour}>
            <span
              className={`swatch swatch-${e.kind ?? 'box'}`}
              style={e.kind === 'hatch' ? { borderColor: e.colour } : { background: e.colour }}
            />
            {e.label}
          </li>
        ))}
      </ul>
      {spec.note && <p className="legend-note">{spec.note}</p>}
    </section>
  );
}
