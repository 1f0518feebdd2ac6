/** The revolts board: open revolts, live over SSE (client/board.ts), and the latest posts. */
import { html, raw } from 'hono/html';
import type { PostView, RevoltView } from '../queries.js';
import type { RevoltInsight } from '../timeline.js';
import type { Principal } from '../principal.js';
import { revoltCard as drawCard } from '../views/revolt-card.js';
import { toHtml } from '../views/tree.js';
import { layout, safeHref, time } from '../views/layout.js';

export type BoardRevolt = RevoltView & { insight: RevoltInsight };

/** The card of views/revolt-card.ts, the one the board's live script also builds. */
export function revoltCard(r: BoardRevolt) {
  return raw(toHtml(drawCard(r)));
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
