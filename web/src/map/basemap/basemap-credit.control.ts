/**
 * The basemap's credit on the map (bottom right): its attribution, Tianditu's review number
 * (审图号) when Tianditu is shown — its terms require it on the map, so it is never folded
 * away like a compact attribution — and, when the basemap failed, why the offline style
 * shows instead. Text only (textContent): settings are typed by admins.
 */
import type { IControl } from 'maplibre-gl';

export interface CreditContent {
  attribution: string | null;
  reviewNumber: string | null;
  /** A sentence saying the basemap failed and the offline style shows; null when all is well. */
  notice: string | null;
}

export class BasemapCreditControl implements IControl {
  private readonly element = document.createElement('div');

  constructor() {
    this.element.className = 'maplibregl-ctrl basemap-credit';
    this.element.dataset['testid'] = 'basemap-credit';
    this.element.hidden = true;
  }

  onAdd(): HTMLElement {
    return this.element;
  }

  onRemove(): void {
    this.element.remove();
  }

  update({ attribution, reviewNumber, notice }: CreditContent): void {
    const lines = [
      notice ? { text: notice, className: 'basemap-notice', role: 'status' } : null,
      attribution ? { text: attribution, className: 'basemap-attribution', role: null } : null,
      reviewNumber ? { text: reviewNumber, className: 'basemap-review', role: null } : null,
    ].filter((l) => l !== null);
    this.element.replaceChildren(
      ...lines.map((line) => {
        const span = document.createElement('span');
        span.className = line.className;
        span.textContent = line.text;
        if (line.role) span.setAttribute('role', line.role);
        return span;
      }),
    );
    this.element.hidden = lines.length === 0;
  }
}
