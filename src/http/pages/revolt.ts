/** One revolt: timeline, explanation, member posts (relabel), and its queue item with actions. */
import { html } from 'hono/html';
import type { Revolt } from '../../types.js';
import type { PostView, QueueView } from '../queries.js';
import type { RevoltInsight } from '../timeline.js';
import type { Principal } from '../principal.js';
import { lineChart } from '../views/charts.js';
import { layout, safeHref, time } from '../views/layout.js';
import { queueActions, relabelForm } from './parts.js';

function explainValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v, null, 1);
}

export function revoltPage(d: { revolt: Revolt & { posts: PostView[] }; insight: RevoltInsight; item: QueueView | null; draft: string; principal: Principal | null; banner?: string }) {
  const r = d.revolt;
  const t = d.insight.timeline;
  const labels = [time(t[0]?.at ?? r.openedAt), time(t[t.length - 1]?.at ?? r.updatedAt)];
  const body = html`<h2><span class="prio ${r.priority}">${r.priority}</span> ${r.label}</h2>
<p class="meta">${r.target} · key <code>${r.key}</code> · stage <strong>${r.stage}</strong> · severity <strong>${Math.round(r.severity)}</strong> · ${r.postIds.length} posts · opened ${time(r.openedAt)} · updated ${time(r.updatedAt)}${r.resolvedAt ? html` · resolved ${time(r.resolvedAt)}` : ''}</p>
<section aria-labelledby="tl-h"><h3 id="tl-h">Timeline</h3>
${lineChart(
  [
    { name: 'volume (posts)', values: t.map((p) => p.volume), colour: '#c22' },
    ...(t.some((p) => p.expected !== null) ? [{ name: 'expected baseline', values: t.map((p) => p.expected ?? 0), colour: '#888', max: Math.max(1, ...t.map((p) => p.volume), ...t.map((p) => p.expected ?? 0)) }] : []),
    { name: 'negativity (share)', values: t.map((p) => p.negativity), colour: '#7a3cc2', max: 1 },
    { name: 'reach (followers)', values: t.map((p) => p.reach), colour: '#1f6fb2' },
  ],
  labels,
  { label: `Volume, negativity and reach over time for ${r.label}` },
)}
</section>
<section aria-labelledby="why-h"><h3 id="why-h">Why it opened</h3>
<p class="why">${d.insight.why}</p>
<dl class="explain">${Object.entries(r.explain).map(([k, v]) => html`<dt>${k}</dt><dd><pre>${explainValue(v)}</pre></dd>`)}</dl>
</section>
<section aria-labelledby="q-h"><h3 id="q-h">Queue item</h3>
${d.item ? queueActions(d.item, d.draft, d.principal) : html`<p class="empty">No queue item.</p>`}
</section>
<section aria-labelledby="m-h"><h3 id="m-h">Member posts (${r.posts.length})</h3>
<table class="posts"><thead><tr><th scope="col">Published</th><th scope="col">Author</th><th scope="col">Text</th><th scope="col">Sentiment</th><th scope="col">Topics</th><th scope="col">Correct</th></tr></thead>
<tbody>${r.posts.map((p) => {
  const href = safeHref(p.url);
  const c = p.classification;
  return html`<tr id="post-${p.id}"><td>${time(p.publishedAt)}</td><td>${p.author.handle ?? p.author.name ?? p.author.id}</td>
<td class="text">${p.text}${href ? html` <a href="${href}" rel="noopener noreferrer nofollow">link</a>` : ''}</td>
<td class="${c?.sentiment.label ?? ''}">${c?.sentiment.label ?? 'pending'}</td><td>${c ? c.topics.map((x) => x.id).join(', ') : ''}</td>
<td>${relabelForm(p.id, d.principal, { sentiment: c?.sentiment.label, topics: c?.topics.map((x) => x.id) })}</td></tr>`;
})}</tbody></table>
</section>`;
  return layout(r.label, body, { principal: d.principal, nav: 'board', banner: d.banner });
}
