/**
 * The CX view (/cx): moments of truth (pillar × touchpoint, change on the previous period with its
 * interval, the dominant IBM factor), every cell opening the posts behind it on /posts.
 */
import { html } from 'hono/html';
import type { Principal } from '../principal.js';
import type { MomentsMatrix, MomentsPeriod, MomentsCell } from '../../cx/moments.js';
import { layout, time } from '../views/layout.js';

export interface CxPageData {
  period: MomentsPeriod;
  target: string | null;
  targets: string[];
  moments: MomentsMatrix[];
  principal: Principal | null;
  banner?: string;
  /** further sections (answer effectiveness, trends), rendered below */
  extra?: unknown[];
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The /posts link behind a cell: the complaints of that pillar and touchpoint in the period. */
export function cellHref(target: string, pillar: string, touchpoint: string, from: number, to: number): string {
  const q = new URLSearchParams({ target, pillar, touchpoint, complaint: 'true', since: String(from), until: String(to) });
  return `/posts?${q}`;
}

function ratioText(c: { change: MomentsCell['change']; trend: string }): string {
  const r = c.change;
  if (!r) return '—';
  const v = r.value === null ? '∞' : `×${r.value}`;
  return `${v} (${r.low ?? '∞'}–${r.high ?? '∞'})`;
}

function matrix(m: MomentsMatrix, p: MomentsPeriod) {
  const pillars = [...new Set(m.cells.map((c) => c.pillar))].sort();
  const touchpoints = [...new Set(m.cells.map((c) => c.touchpoint))].sort();
  const at = new Map(m.cells.map((c) => [`${c.pillar}|${c.touchpoint}`, c]));
  if (!m.cells.length) return html`<p class="empty">No complaints with a pillar and touchpoint in this period or the one before.</p>`;
  return html`<div class="table-wrap"><table class="data moments" id="moments-${m.target}" aria-label="Complaints per pillar and touchpoint for ${m.target}">
<thead><tr><th scope="col">Pillar \\ touchpoint</th>${touchpoints.map((t) => html`<th scope="col">${t}</th>`)}</tr></thead>
<tbody>${pillars.map((pl) => html`<tr><th scope="row">${pl}</th>${touchpoints.map((tp) => {
    const c = at.get(`${pl}|${tp}`);
    if (!c) return html`<td class="cell empty-cell">·</td>`;
    return html`<td class="cell trend-${c.trend}" data-pillar="${pl}" data-touchpoint="${tp}" data-complaints="${c.complaints}" data-previous="${c.previous}"><a href="${cellHref(m.target, pl, tp, p.from, p.to)}" title="Open the ${c.complaints} complaints"><strong class="count">${c.complaints}</strong></a>
<span class="prev">prev <a href="${cellHref(m.target, pl, tp, p.previousFrom, p.from)}">${c.previous}</a></span>
<span class="ratio">${c.trend === 'up' ? '▲ ' : c.trend === 'down' ? '▼ ' : ''}${ratioText(c)}</span>
${c.factor ? html`<span class="factor">${c.factor.name}</span>` : ''}</td>`;
  })}</tr>`)}</tbody></table></div>`;
}

export function momentsSection(d: CxPageData) {
  const p = d.period;
  return html`<section aria-labelledby="mot-h"><h3 id="mot-h">Moments of truth</h3>
<p class="hint">Complaints per pillar (rows) and touchpoint (columns), ${time(p.from)} – ${time(p.to)}, against the previous period of the same length (from ${time(p.previousFrom)}).
Each cell: complaints (open them), the previous period's count, the rate ratio with its 95 % interval (▲/▼ only when the interval excludes 1), and the IBM CEM factor most of them are about.</p>
${d.moments.map((m) => html`<section class="target-moments" aria-labelledby="mot-${m.target}"><h4 id="mot-${m.target}">${m.target}</h4>
<p class="meta"><span class="total" data-complaints="${m.complaints}" data-previous="${m.previous}">${m.complaints} complaints (previous period ${m.previous}; ${m.trend === 'flat' ? 'no clear change' : m.trend} ${ratioText(m)})</span></p>
${m.headline ? html`<p class="headline"><strong>${m.headline.text}</strong></p>` : ''}
${matrix(m, p)}</section>`)}
${d.moments.length ? '' : html`<p class="empty">No targets.</p>`}</section>`;
}

export function cxPage(d: CxPageData) {
  const body = html`<h2>Customer experience</h2>
<form method="get" action="/cx" class="filters">
  <label for="cx-target">Target</label><select id="cx-target" name="target"><option value="">every target</option>${d.targets.map((t) => html`<option${t === d.target ? ' selected' : ''}>${t}</option>`)}</select>
  <label for="cx-since">From</label><input id="cx-since" name="since" type="date" value="${day(d.period.from)}">
  <label for="cx-until">To (inclusive)</label><input id="cx-until" name="until" type="date" value="${day(d.period.to - 1)}">
  <button type="submit">Show</button>
</form>
<p><a href="/cx/report">Weekly report</a> (printable) · exports: posts <a href="/api/export/posts.csv${d.target ? `?target=${d.target}` : ''}">CSV</a> <a href="/api/export/posts.jsonl${d.target ? `?target=${d.target}` : ''}">JSONL</a> · revolts <a href="/api/export/revolts.csv${d.target ? `?target=${d.target}` : ''}">CSV</a> · cases <a href="/api/export/cases.csv${d.target ? `?target=${d.target}` : ''}">CSV</a></p>
${momentsSection(d)}
${d.extra ?? ''}`;
  return layout('CX', body, { principal: d.principal, nav: 'cx', banner: d.banner, scripts: ['cx-chart.js'], styles: ['uplot.css'] });
}
