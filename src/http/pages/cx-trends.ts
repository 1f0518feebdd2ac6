/**
 * The CX page's trends: per target, the promoter/detractor index and the complaint share over time
 * with their 95 % intervals (overall, or the pillar / touchpoint chosen), and every target's share of
 * voice. The numbers are tables (the accessible version); /assets/cx-chart.js draws them with uPlot.
 */
import { html } from 'hono/html';
import type { Trends, TrendPoint } from '../../cx/trends.js';
import { time } from '../views/layout.js';

const v = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(x));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 1000) / 10}%`);

function scopePoints(t: Trends['targets'][number], scope: string | null): { label: string; points: TrendPoint[] } {
  if (scope?.startsWith('pillar:')) {
    const s = t.pillars.find((p) => p.id === scope.slice(7));
    if (s) return { label: `pillar ${s.id}`, points: s.points };
  }
  if (scope?.startsWith('touchpoint:')) {
    const s = t.touchpoints.find((p) => p.id === scope.slice(11));
    if (s) return { label: `touchpoint ${s.id}`, points: s.points };
  }
  return { label: 'all posts', points: t.overall };
}

export function trendsSection(tr: Trends, opts: { scope: string | null; keep: Record<string, string> }) {
  const step = tr.bucketMs >= 86_400_000 ? 'day' : 'hour';
  const scopes = [...new Set(tr.targets.flatMap((t) => [...t.pillars.map((p) => `pillar:${p.id}`), ...t.touchpoints.map((p) => `touchpoint:${p.id}`)]))].sort();
  return html`<section aria-labelledby="tr-h"><h3 id="tr-h">Trends</h3>
<p class="hint">Per ${step}. Index: 100 × (positive − negative) / posts, estimated from sentiment (−100..100), with an adjusted Wald 95 % interval. Complaint share: complaints / the target's posts (for a pillar or touchpoint: its complaints / all the target's posts), Wilson 95 % interval. Shaded: the interval; a ${step} with few posts has a wide one.</p>
<form method="get" action="/cx" class="filters" id="trend-scope-form">
  ${Object.entries(opts.keep).map(([k, val]) => html`<input type="hidden" name="${k}" value="${val}">`)}
  <label for="tr-scope">Show</label><select id="tr-scope" name="scope"><option value="">all posts</option>${scopes.map((s) => html`<option value="${s}"${s === opts.scope ? ' selected' : ''}>${s.replace(':', ' ')}</option>`)}</select>
  <button type="submit">Show</button>
</form>
${tr.targets.map((t) => {
    const s = scopePoints(t, opts.scope);
    return html`<section class="trend" aria-labelledby="tr-${t.target}"><h4 id="tr-${t.target}">${t.target}: ${s.label}</h4>
<div class="chart-box" data-chart-for="trend-${t.target}" data-kind="index" aria-hidden="true"></div>
<div class="chart-box" data-chart-for="trend-${t.target}" data-kind="share" aria-hidden="true"></div>
<details><summary>The numbers (table)</summary><div class="table-wrap"><table class="data trend-data" id="trend-${t.target}" data-title="${t.target}: ${s.label}"><thead><tr><th scope="col">${step}</th><th scope="col">Posts</th><th scope="col">Index (95 %)</th><th scope="col">Complaint share (95 %)</th></tr></thead>
<tbody>${s.points.map((p) => html`<tr data-at="${p.at}" data-posts="${p.posts}" data-index="${v(p.index?.value)}" data-index-low="${v(p.index?.low)}" data-index-high="${v(p.index?.high)}" data-share="${v(p.complaintShare?.value)}" data-share-low="${v(p.complaintShare?.low)}" data-share-high="${v(p.complaintShare?.high)}"><td>${time(p.at)}</td><td>${p.posts}</td><td>${p.index ? `${p.index.value} (${p.index.low}–${p.index.high})` : '—'}</td><td>${p.complaintShare ? `${pct(p.complaintShare.value)} (${pct(p.complaintShare.low)}–${pct(p.complaintShare.high)})` : '—'}</td></tr>`)}</tbody></table></div></details>
</section>`;
  })}
${tr.targets.length ? '' : html`<p class="empty">No classified posts in this period.</p>`}
<section class="trend" aria-labelledby="sov-h"><h4 id="sov-h">Share of voice</h4>
<p class="hint">Each target's posts as a share of all targets' posts (competitors configured as targets side by side), Wilson 95 % interval.</p>
<div class="chart-box" data-chart-for="sov-data" data-kind="sov" aria-hidden="true"></div>
<details><summary>The numbers (table)</summary><div class="table-wrap"><table class="data sov-data" id="sov-data"><thead><tr><th scope="col">${step}</th>${tr.shareOfVoice.map((s) => html`<th scope="col">${s.target}</th>`)}</tr></thead>
<tbody>${tr.buckets.map((at, i) => html`<tr data-at="${at}"><td>${time(at)}</td>${tr.shareOfVoice.map((s) => {
    const p = s.points[i];
    return html`<td data-target="${s.target}" data-posts="${p.posts}" data-share="${v(p.share?.value)}" data-low="${v(p.share?.low)}" data-high="${v(p.share?.high)}">${p.posts} · ${pct(p.share?.value)}</td>`;
  })}</tr>`)}</tbody></table></div></details></section>
</section>`;
}
