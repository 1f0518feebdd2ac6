/** The triage inbox: filters, and per item claim / reply draft / responded / resolve / dismiss / relabel. */
import { html } from 'hono/html';
import type { PostView, QueueView } from '../queries.js';
import type { Principal } from '../principal.js';
import { layout, safeHref } from '../views/layout.js';
import { queueActions, relabelForm } from './parts.js';

export interface InboxFilters {
  status: string;
  target: string;
  priority: string;
  topic: string;
  assignee: string;
}

const STATUSES = ['open', 'new', 'claimed', 'responded', 'resolved', 'dismissed'];

export function inboxPage(d: { items: { item: QueueView; draft: string; post: PostView | null }[]; filters: InboxFilters; targets: string[]; next: string | null; principal: Principal | null; banner?: string }) {
  const f = d.filters;
  const nextHref = d.next ? `/inbox?${new URLSearchParams({ ...f, cursor: d.next }).toString()}` : null;
  const body = html`<h2>Triage inbox</h2>
<form method="get" action="/inbox" class="filters" aria-label="Filters">
  <label for="f-status">Status</label><select id="f-status" name="status">${STATUSES.map((s) => html`<option${s === f.status ? ' selected' : ''}>${s}</option>`)}<option value=""${f.status === '' ? ' selected' : ''}>all</option></select>
  <label for="f-target">Target</label><select id="f-target" name="target"><option value="">all</option>${d.targets.map((t) => html`<option${t === f.target ? ' selected' : ''}>${t}</option>`)}</select>
  <label for="f-prio">Priority</label><select id="f-prio" name="priority"><option value="">all</option>${['P1', 'P2', 'P3', 'P4'].map((p) => html`<option${p === f.priority ? ' selected' : ''}>${p}</option>`)}</select>
  <label for="f-topic">Topic</label><input id="f-topic" name="topic" value="${f.topic}" size="12">
  <label for="f-assignee">Assignee</label><input id="f-assignee" name="assignee" value="${f.assignee}" size="12">
  <button type="submit">Filter</button>
</form>
${d.items.length ? '' : html`<p class="empty">Nothing in the inbox for these filters.</p>`}
<ol class="inbox">${d.items.map(({ item, draft, post }) => {
  const href = post ? safeHref(post.url) : null;
  return html`<li class="inbox-item prio-${item.priority}">
  <h3>${item.revoltId ? html`<a href="/revolts/${item.revoltId}">${item.title}</a>` : item.title} <span class="prio ${item.priority}">${item.priority}</span></h3>
  ${post ? html`<blockquote class="text">${post.text}${href ? html` <a href="${href}" rel="noopener noreferrer nofollow">link</a>` : ''}</blockquote>
  <p class="meta">by ${post.author.handle ?? post.author.name ?? post.author.id} · ${post.classification?.sentiment.label ?? 'pending'} · topics ${post.classification?.topics.map((t) => t.id).join(', ') || '—'}</p>
  ${relabelForm(post.id, d.principal, { sentiment: post.classification?.sentiment.label, topics: post.classification?.topics.map((t) => t.id) })}` : ''}
  ${queueActions(item, draft, d.principal)}
</li>`;
})}</ol>
${nextHref ? html`<p><a href="${nextHref}" rel="next">Older items</a></p>` : ''}`;
  return layout('Inbox', body, { principal: d.principal, nav: 'inbox', banner: d.banner });
}
