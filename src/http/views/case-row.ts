/**
 * The inbox row and its SLA badge, drawn here only: the inbox page serialises them on the server
 * (pages/inbox.ts, desk-parts.ts) and the desk's live script (client/desk.ts) builds rows for items
 * that arrive while the page is open. Pure, importing only types and its pure siblings (format,
 * tree), so the browser bundle can include it.
 */
import type { QueueItemView } from '../../routing/views.js';
import { slaText, time } from './format.js';
import { h, type Element } from './tree.js';

export interface CaseRowData {
  item: QueueItemView;
  /** The post's text, for a post's own item (the page has it; the live list does not). */
  excerpt: string | null;
  /** A case's posts, in total and still open (the page has them; the live list does not). */
  posts: { total: number; open: number } | null;
}

export function statusLabel(status: string): string {
  return status.replace('_', ' ');
}

export function statusPill(status: string): Element {
  return h('span', { class: `status-pill ${status}` }, statusLabel(status));
}

/** The running clock of an item as a live badge (client/desk.ts recounts it every second on the service clock). */
export function slaBadge(item: QueueItemView, now: number): Element | null {
  const due = item.sla.dueAt ? Date.parse(item.sla.dueAt) : null;
  if (due === null) {
    const frt = item.sla.firstResponse.state;
    return frt === 'met' || frt === 'met-late' ? h('span', { class: 'sla met' }, frt === 'met' ? 'answered in time' : 'answered late') : null;
  }
  const near = item.sla.nearAt ? Date.parse(item.sla.nearAt) : null;
  const state = due <= now ? 'breached' : near !== null && near <= now ? 'near-breach' : 'running';
  const attrs = { class: `sla ${state}`, 'data-due': due, 'data-near': near ?? '', 'data-clock': item.sla.clock ?? '', role: 'timer', 'aria-live': 'off', title: `due ${time(due)}` };
  return h('span', attrs, `${state === 'breached' ? 'SLA breached: ' : ''}${slaText(item.sla.clock, due, now)}`);
}

function kindLine(r: CaseRowData): (Element | string)[] {
  const i = r.item;
  if (i.kind === 'post') return [`Post${i.reasons.length ? ` · needs its own answer: ${i.reasons.join(', ')}` : ''}`];
  const kind = i.kind === 'revolt' ? 'Revolt case' : 'Case';
  if (!r.posts) return [kind];
  return [`${kind} · `, h('span', { class: 'posts-count' }, String(r.posts.total)), ' posts, ', h('span', { class: 'posts-open' }, String(r.posts.open)), ' open'];
}

/** Claim: sent to the API by client/app.ts, which then asks the inbox to refresh. */
export function claimForm(id: string): Element {
  return h('form', { 'data-api': `/api/queue/${encodeURIComponent(id)}/claim`, 'data-done': 'Claimed.', 'data-refresh': '' }, h('button', { type: 'submit' }, 'Claim'));
}

/** One inbox row; the Claim button only when the viewer may act and the item is new. */
export function caseRow(r: CaseRowData, opts: { canClaim: boolean; now: number }): Element {
  const i = r.item;
  const href = `/cases/${encodeURIComponent(i.id)}`;
  const claim = opts.canClaim && i.status === 'new';
  return h(
    'li',
    { class: `case-row prio-${i.priority} sla-${i.sla.state}`, id: `case-${i.id}`, 'data-id': i.id, 'data-status': i.status, 'data-assignee': i.assignee ?? '' },
    h(
      'div',
      {},
      h('h3', {}, h('span', { class: `prio ${i.priority}` }, i.priority), ' ', h('a', { href }, i.title)),
      h('p', { class: 'meta' }, kindLine(r), ` · ${i.target} · team `, h('span', { class: 'team' }, i.team ?? '—'), ' · ', statusPill(i.status), ' · ', h('span', { class: 'assignee' }, i.assignee ?? 'unassigned')),
      r.excerpt && h('blockquote', { class: 'text' }, r.excerpt),
      h('p', { class: 'meta' }, slaBadge(i, opts.now)),
      h('p', { class: 'warning claimed-warning', role: 'status', hidden: '' }),
    ),
    h(
      'div',
      { class: 'row-actions' },
      claim && claimForm(i.id),
      h('a', { class: 'button secondary', href }, 'Open case'),
    ),
  );
}
