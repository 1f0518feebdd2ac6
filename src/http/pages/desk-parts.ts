/** Pieces of the desk pages: the SLA countdown badge, status pills, the relabel form with known topics. */
import { html, raw } from 'hono/html';
import type { QueueItemView } from '../../routing/views.js';
import type { Principal } from '../principal.js';
import type { KnownTopic } from '../topics.js';
import { can } from '../views/layout.js';
import { slaBadge as drawSlaBadge, statusPill as drawStatusPill } from '../views/case-row.js';
import { toHtml } from '../views/tree.js';

/** The running clock of an item as a live badge (views/case-row.ts draws it for the page and the live script). */
export function slaBadge(item: QueueItemView, now: number) {
  const badge = drawSlaBadge(item, now);
  return badge ? raw(toHtml(badge)) : '';
}

export function statusPill(status: string) {
  return raw(toHtml(drawStatusPill(status)));
}

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

/** Relabel: sentiment, complaint yes/no, and only topics the rules know (GET /api/topics). */
export function relabelForm(postId: string, p: Principal | null, current: { sentiment?: string; complaint?: boolean; topics?: string[] }, topics: KnownTopic[] | null) {
  if (!can(p, 'agent')) return '';
  const id = `relabel-${postId}`;
  return html`<form class="relabel" data-api="/api/posts/${encodeURIComponent(postId)}/labels" data-done="Label correction recorded." aria-label="Correct the labels of this post">
  <label for="${id}-s">Sentiment</label>
  <select id="${id}-s" name="sentiment"><option value="">(keep${current.sentiment ? `: ${current.sentiment}` : ''})</option>${SENTIMENTS.map((s) => html`<option value="${s}">${s}</option>`)}</select>
  <label for="${id}-c">Complaint</label>
  <select id="${id}-c" name="complaint" data-type="boolean"><option value="">(keep${current.complaint === undefined ? '' : current.complaint ? ': yes' : ': no'})</option><option value="true">yes, a complaint</option><option value="false">no, not a complaint</option></select>
  <label for="${id}-t">Topic</label>
  ${topics
    ? html`<select id="${id}-t" name="topic"><option value="">(keep${current.topics?.length ? `: ${current.topics[0]}` : ''})</option><option value="null">no topic</option>${topics.map((t) => html`<option value="${t.id}">${t.label}</option>`)}</select>`
    : html`<input id="${id}-t" name="topic" size="14" pattern="[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}">`}
  <button type="submit">Correct</button>
</form>`;
}
