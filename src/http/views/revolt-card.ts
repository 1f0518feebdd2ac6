/**
 * The revolt card, drawn here only: the board page serialises it on the server (pages/board.ts) and
 * the board's live script (client/board.ts) builds the same tree in the browser from the JSON API.
 * Pure, importing only types and its pure siblings (format, tree), so the browser bundle can include it.
 */
import type { Revolt } from '../../types.js';
import type { RevoltInsight } from '../timeline.js';
import { pathOf, time } from './format.js';
import { h, s, type Element } from './tree.js';

export type CardRevolt = Pick<Revolt, 'id' | 'stage' | 'priority' | 'label' | 'target' | 'key' | 'severity' | 'openedAt'> & {
  members: number;
  insight: Pick<RevoltInsight, 'timeline' | 'sources' | 'pillar' | 'topPosts' | 'why'>;
};

/** Volume against the expected baseline (dashed), as a small inline SVG. */
export function sparkline(volume: number[], expected: (number | null)[], opts: { label: string; w?: number; h?: number }): Element {
  const w = opts.w ?? 160;
  const ht = opts.h ?? 32;
  const exp = expected.map((e) => e ?? 0);
  const max = Math.max(1, ...volume, ...exp);
  const hasExpected = expected.some((e) => e !== null);
  return s(
    'svg',
    { class: 'spark', width: w, height: ht + 2, viewBox: `0 -1 ${w} ${ht + 2}`, role: 'img', 'aria-label': opts.label },
    s('title', {}, opts.label),
    hasExpected && s('path', { class: 'expected', d: pathOf(exp, w, ht, max), fill: 'none', stroke: '#999', 'stroke-dasharray': '3 2', 'stroke-width': '1' }),
    s('path', { class: 'volume', d: pathOf(volume, w, ht, max), fill: 'none', stroke: '#c22', 'stroke-width': '1.6' }),
  );
}

export function revoltCard(r: CardRevolt): Element {
  const id = `revolt-${r.id}`;
  const i = r.insight;
  const severity = String(Math.round(r.severity));
  const spark = sparkline(
    i.timeline.map((p) => p.volume),
    i.timeline.map((p) => p.expected),
    { label: `Volume against expected baseline for ${r.label}` },
  );
  return h(
    'article',
    { class: `revolt stage-${r.stage}`, id, 'data-id': r.id, 'data-severity': severity, tabindex: '0', 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title` }, h('span', { class: `prio ${r.priority}` }, r.priority), ' ', h('a', { href: `/revolts/${encodeURIComponent(r.id)}` }, r.label)),
    h(
      'p',
      { class: 'meta' },
      h('span', { class: 'target' }, r.target),
      ' · key ',
      h('code', { class: 'key' }, r.key),
      ' · stage ',
      h('strong', { class: 'stage' }, r.stage),
      ' · severity ',
      h('strong', { class: 'severity' }, severity),
      ' · ',
      h('span', { class: 'members' }, String(r.members)),
      ` posts · opened ${time(r.openedAt)}`,
    ),
    h(
      'div',
      { class: 'spark-row' },
      spark,
      ' ',
      h('span', { class: 'meta' }, 'sources: ', h('span', { class: 'sources' }, i.sources.join(', ') || '—'), ' · pillar: ', h('span', { class: 'pillar' }, i.pillar ?? '—')),
    ),
    h('p', { class: 'why' }, 'Why: ', h('span', { class: 'why-text' }, i.why)),
    h(
      'ul',
      { class: 'top-posts', 'aria-label': 'Top posts' },
      i.topPosts.map((p) => h('li', {}, h('span', { class: 'author' }, p.author), ` (${p.followers} followers): `, h('span', { class: 'post-text' }, p.text))),
    ),
  );
}
