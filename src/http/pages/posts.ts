/** /posts: posts filtered as /api/posts filters them (the CX matrix links here), with their count. */
import { html } from 'hono/html';
import type { Principal } from '../principal.js';
import type { PostView } from '../queries.js';
import { postRow } from './board.js';
import { layout, time } from '../views/layout.js';

export interface PostsPageData {
  filters: Record<string, string>;
  since?: number;
  until?: number;
  total: number;
  posts: PostView[];
  next: string | null;
  principal: Principal | null;
  banner?: string;
}

export function postsPage(d: PostsPageData) {
  const f = Object.entries(d.filters).filter(([, v]) => v !== '');
  const nextQ = new URLSearchParams({ ...Object.fromEntries(f), ...(d.since !== undefined ? { since: String(d.since) } : {}), ...(d.until !== undefined ? { until: String(d.until) } : {}), ...(d.next ? { cursor: d.next } : {}) });
  const body = html`<h2>Posts</h2>
<p class="meta" id="posts-filter">${f.length ? f.map(([k, v]) => html`<span class="filter">${k} <code>${v}</code></span> `) : 'All posts'}${d.since !== undefined ? html` · from ${time(d.since)}` : ''}${d.until !== undefined ? html` · before ${time(d.until)}` : ''}</p>
<p><strong id="posts-total" data-total="${d.total}">${d.total}</strong> matching post${d.total === 1 ? '' : 's'}${d.posts.length < d.total ? `, ${d.posts.length} shown on this page` : ''}.</p>
<table class="posts stack" id="posts-list">
  <thead><tr><th scope="col">Published</th><th scope="col">Target</th><th scope="col">Author</th><th scope="col">Text</th><th scope="col">Sentiment</th><th scope="col">Complaint</th><th scope="col">Topics</th></tr></thead>
  <tbody>${d.posts.map(postRow)}</tbody>
</table>
${d.next ? html`<p><a href="/posts?${nextQ.toString()}" rel="next">Next page</a></p>` : ''}`;
  return layout('Posts', body, { principal: d.principal, nav: 'posts', banner: d.banner });
}
