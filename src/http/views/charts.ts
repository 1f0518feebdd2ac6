/**
 * Server-rendered SVG charts: a multi-series line chart, stacked bars (the revolt card's sparkline
 * lives with the card, views/revolt-card.ts). Numbers only go into attributes; labels are escaped by hono/html.
 */
import { html } from 'hono/html';
import { pathOf } from './format.js';

export interface Series {
  name: string;
  values: number[];
  colour: string;
  /** Scale against this maximum instead of the series' own (e.g. 1 for shares). */
  max?: number;
}

/** Each series scaled to its own maximum (different units on one time axis), with a legend. */
export function lineChart(series: Series[], xLabels: string[], opts: { label: string; w?: number; h?: number }) {
  const w = opts.w ?? 640;
  const h = opts.h ?? 160;
  return html`<figure class="chart"><svg width="${w}" height="${h + 20}" viewBox="0 0 ${w} ${h + 20}" role="img" aria-label="${opts.label}"><title>${opts.label}</title>
<line x1="0" y1="${h}" x2="${w}" y2="${h}" stroke="#bbb"/>
${series.map((s) => html`<path d="${pathOf(s.values, w, h - 4, s.max ?? Math.max(1, ...s.values))}" transform="translate(0,4)" fill="none" stroke="${s.colour}" stroke-width="2"/>`)}
<text x="0" y="${h + 15}" font-size="11">${xLabels[0] ?? ''}</text><text x="${w}" y="${h + 15}" font-size="11" text-anchor="end">${xLabels[xLabels.length - 1] ?? ''}</text>
</svg><figcaption>${series.map((s) => html`<span class="key"><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${s.colour}"/></svg> ${s.name} (max ${Math.round(Math.max(0, ...s.values) * 100) / 100})</span> `)}</figcaption></figure>`;
}

/** Stacked bars of negative / neutral / positive per bucket. */
export function sentimentBars(points: { negative: number; neutral: number; positive: number }[], opts: { label: string; w?: number; h?: number }) {
  const w = opts.w ?? 480;
  const h = opts.h ?? 100;
  const max = Math.max(1, ...points.map((p) => p.negative + p.neutral + p.positive));
  const bw = w / Math.max(1, points.length);
  return html`<svg class="bars" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${opts.label}"><title>${opts.label}</title>${points.map((p, i) => {
    const x = (i * bw + 1).toFixed(1);
    const parts: [number, string][] = [[p.negative, '#c22'], [p.neutral, '#aaa'], [p.positive, '#2a2']];
    let y = h;
    return parts.map(([v, colour]) => {
      const bh = (v / max) * h;
      y -= bh;
      return html`<rect x="${x}" y="${y.toFixed(1)}" width="${Math.max(1, bw - 2).toFixed(1)}" height="${bh.toFixed(1)}" fill="${colour}"/>`;
    });
  })}</svg>`;
}
