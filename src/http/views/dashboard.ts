import { html } from 'hono/html';
import type { PostView } from '../queries.js';
import type { Revolt } from '../../types.js';
import { layout, safeHref } from './layout.js';

function time(ms: number | string): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

function revoltCard(r: Revolt & { members: number }) {
  const why = typeof r.explain.reason === 'string' ? r.explain.reason : '';
  return html`<article class="revolt stage-${r.stage}">
  <h3><span class="prio ${r.priority}">${r.priority}</span> ${r.label}</h3>
  <p class="meta">${r.target} · key <code>${r.key}</code> · stage <strong>${r.stage}</strong> · severity <strong>${Math.round(r.severity)}</strong> · ${r.members} posts · opened ${time(r.openedAt)}</p>
  <p class="why">Why: ${why}</p>
</article>`;
}

function postRow(p: PostView) {
  const href = safeHref(p.url);
  const c = p.classification;
  return html`<tr>
  <td>${time(p.publishedAt)}</td>
  <td>${p.target}</td>
  <td>${p.author.handle ?? p.author.name ?? p.author.id}</td>
  <td class="text">${p.text}${href ? html` <a href="${href}" rel="noopener noreferrer nofollow">link</a>` : ''}</td>
  <td class="${c?.sentiment.label ?? ''}">${c ? `${c.sentiment.label} ${c.sentiment.score.toFixed(2)}` : 'pending'}</td>
  <td>${c?.complaint.is ? 'yes' : ''}</td>
  <td>${c ? c.topics.map((t) => t.id).join(', ') : ''}</td>
</tr>`;
}

export function dashboardPage(data: { open: (Revolt & { members: number })[]; recent: PostView[]; demo: { simulatedNow: number; speed: number } | null }) {
  const banner = data.demo ? `Built-in demo: made-up brands, simulated clock at ${data.demo.speed}× (now ${time(data.demo.simulatedNow)}). Configure targets in backlash.config.yaml to watch real feeds.` : undefined;
  const body = html`<section>
  <h2>Open revolts (${data.open.length})</h2>
  ${data.open.length ? data.open.map(revoltCard) : html`<p class="empty">No open revolts.</p>`}
</section>
<section>
  <h2>Recent posts</h2>
  <table class="posts">
    <thead><tr><th>Published</th><th>Target</th><th>Author</th><th>Text</th><th>Sentiment</th><th>Complaint</th><th>Topics</th></tr></thead>
    <tbody>${data.recent.map(postRow)}</tbody>
  </table>
</section>`;
  return layout('Revolts', body, { refreshSeconds: 10, banner });
}
