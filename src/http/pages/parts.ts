/** Pieces several pages share: queue item actions with a reply draft, the relabel form. */
import { html } from 'hono/html';
import type { AppContext } from '../../context.js';
import type { QueueView } from '../queries.js';
import type { Principal } from '../principal.js';
import { routingOf } from '../../routing/setup.js';
import { humanDuration, suggestReply } from '../../routing/templates.js';
import { can, time } from '../views/layout.js';

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

/** The reply the templates suggest for an item (rules/templates/<lang>.yaml). */
export async function draftFor(ctx: AppContext, item: QueueView): Promise<string> {
  const target = await ctx.db.selectFrom('targets').select('name').where('id', '=', item.target).executeTakeFirst();
  const post = item.postId ? await ctx.db.selectFrom('posts').select(['author_handle', 'author_name', 'lang']).where('id', '=', item.postId).executeTakeFirst() : null;
  const firstResponse = item.dueFirstResponseAt ? Date.parse(item.dueFirstResponseAt) - Date.parse(item.createdAt) : null;
  const s = suggestReply(routingOf(ctx).templates, {
    kind: item.kind === 'post' ? 'post' : 'revolt',
    lang: item.lang ?? post?.lang ?? null,
    topic: item.topic,
    vars: {
      author: post ? (post.author_handle ? `@${post.author_handle.replace(/^@/, '')}` : (post.author_name ?? '')) : 'there',
      brand: target?.name ?? item.target,
      topic: item.topic ?? '',
      team: item.team ?? '',
      first_response: firstResponse && firstResponse > 0 ? humanDuration(firstResponse) : 'a few hours',
      resolve: item.dueResolveAt ? humanDuration(Date.parse(item.dueResolveAt) - Date.parse(item.createdAt)) : '',
    },
  });
  return s?.text ?? '';
}

export function queueActions(item: QueueView, draft: string, p: Principal | null) {
  const base = `/api/queue/${encodeURIComponent(item.id)}`;
  const open = ['new', 'claimed', 'responded'].includes(item.status);
  return html`<div class="item" id="item-${item.id}" data-status="${item.status}">
  <p class="meta">Queue item <code>${item.id}</code> · status <strong class="status">${item.status}</strong> · ${item.priority} · severity ${Math.round(item.severity)} · assignee <span class="assignee">${item.assignee ?? '—'}</span>${item.dueFirstResponseAt ? html` · first response due ${time(item.dueFirstResponseAt)}` : ''}</p>
  ${can(p, 'agent') && open
    ? html`<div class="actions">
    ${item.status === 'new' ? html`<form data-api="${base}/claim" data-reload data-done="Claimed."><button type="submit">Claim</button></form>` : ''}
    ${item.status !== 'responded'
      ? html`<form data-api="${base}/respond" data-reload data-done="Marked responded." class="reply"><label for="draft-${item.id}">Reply draft (from the template; edit before sending)</label>
      <textarea id="draft-${item.id}" name="text" rows="3">${draft}</textarea><button type="submit">Mark responded</button></form>`
      : ''}
    <form data-api="${base}/resolve" data-reload data-done="Resolved."><button type="submit">Resolve</button></form>
    <form data-api="${base}/dismiss" data-reload data-done="Dismissed."><button type="submit" class="secondary">Dismiss</button></form>
  </div>`
    : ''}
</div>`;
}

export function relabelForm(postId: string, p: Principal | null, current?: { sentiment?: string; topics?: string[] }) {
  if (!can(p, 'agent')) return '';
  const id = `relabel-${postId}`;
  return html`<form class="relabel" data-api="/api/posts/${encodeURIComponent(postId)}/labels" data-done="Label correction recorded." aria-label="Relabel post">
  <label for="${id}-s">Sentiment</label>
  <select id="${id}-s" name="sentiment"><option value="">(keep)</option>${SENTIMENTS.map((s) => html`<option value="${s}"${s === current?.sentiment ? ' selected' : ''}>${s}</option>`)}</select>
  <label for="${id}-t">Topic</label>
  <input id="${id}-t" name="topic" size="14" placeholder="${current?.topics?.[0] ?? '(keep)'}" pattern="[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}">
  <button type="submit">Relabel</button>
</form>`;
}
