/** The revolts board: open revolts, live over SSE (assets/board.js), and the latest posts. */
import { html } from 'hono/html';
import type { PostView, RevoltView } from '../queries.js';
import type { RevoltInsight } from '../timeline.js';
import type { Principal } from '../principal.js';
import { sparkline } from '../views/charts.js';
import { layout, safeHref, time } from '../views/layout.js';

export type BoardRevolt = RevoltView & { insight: RevoltInsight };

export function revoltCard(r: BoardRevolt) {
  const i = r.insight;
  return html`<article class="revolt stage-${r.stage}" id="revolt-${r.id}" data-id="${r.id}" data-severity="${Math.round(r.severity)}" tabindex="0" aria-labelledby="revolt-${r.id}-title">
  <h3 id="revolt-${r.id}-title"><span class="prio ${r.priority}">${r.priority}</span> <a href="/revolts/${r.id}">${r.label}</a></h3>
  <p class="meta"><span class="target">${r.target}</span> · key <code class="key">${r.key}</code> · stage <strong class="stage">${r.stage}</strong> · severity <strong class="severity">${Math.round(r.severity)}</strong> · <span class="members">${r.members}</span> posts · opened ${time(r.openedAt)}</p>
  <div class="spark-row">${sparkline(i.timeline.map((p) => p.volume), i.timeline.map((p) => p.expected), { label: `Volume against expected baseline for ${r.label}` })}
    <span class="meta">sources: <span class="sources">${i.sources.join(', ') || '—'}</span> · pillar: <span class="pillar">${i.pillar ?? '—'}</span></span></div>
  <p class="why">Why: <span class="why-text">${i.why}</span></p>
  <ul class="top-posts" aria-label="Top posts">${i.topPosts.map((p) => html`<li><span class="author">${p.author}</span> (${p.followers} followers): <span class="post-text">${p.text}</span></li>`)}</ul>
</article>`;
}

export function postRow(p: PostView) {
  const href = safeHref(p.url);
  const c = p.classification;
  return html`<tr>
  <td data-label="Published">${time(p.publishedAt)}</td>
  <td data-label="Target">${p.target}</td>
  <td data-label="Author">${p.author.handle ?? p.author.name ?? p.author.id}</td>
  <td class="text" data-label="Text">${p.text}${href ? html` <a href="${href}" rel="noopener noreferrer nofollow">link</a>` : ''} <a href="/posts/${p.id}">why</a></td>
  <td class="${c?.sentiment.label ?? ''}" data-label="Sentiment">${c ? `${c.sentiment.label} ${c.sentiment.score.toFixed(2)}` : 'pending'}</td>
  <td data-label="Complaint">${c?.complaint.is ? 'yes' : 'no'}</td>
  <td data-label="Topics">${c ? c.topics.map((t) => t.id).join(', ') || '—' : ''}</td>
</tr>`;
}

export function boardPage(data: { open: BoardRevolt[]; recent: PostView[]; banner?: string; principal: Principal | null }) {
  const body = html`<section aria-labelledby="open-h">
  <h2 id="open-h">Open revolts (<span id="open-count">${data.open.length}</span>)</h2>
  <p class="hint">Live: new and growing revolts appear here without reloading. Keys: <kbd>j</kbd>/<kbd>k</kbd> move between revolts, <kbd>Enter</kbd> opens one.</p>
  <p id="board-empty" class="empty"${data.open.length ? html` hidden` : ''}>No open revolts.</p>
  <div id="board" aria-live="polite">${data.open.map(revoltCard)}</div>
</section>
<section aria-labelledby="recent-h">
  <h2 id="recent-h">Recent posts</h2>
  <table class="posts stack">
    <thead><tr><th scope="col">Published</th><th scope="col">Target</th><th scope="col">Author</th><th scope="col">Text</th><th scope="col">Sentiment</th><th scope="col">Complaint</th><th scope="col">Topics</th></tr></thead>
    <tbody>${data.recent.map(postRow)}</tbody>
  </table>
</section>`;
  return layout('Revolts', body, { banner: data.banner, principal: data.principal, nav: 'board', scripts: ['board.js'] });
}
