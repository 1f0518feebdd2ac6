import { describe, expect, it } from 'vitest';
import { revoltCard, type CardRevolt } from '../../src/http/views/revolt-card.js';
import { h, toHtml } from '../../src/http/views/tree.js';
import { caseRow } from '../../src/http/views/case-row.js';
import type { QueueItemView } from '../../src/routing/views.js';

const HOSTILE = `<img src=x onerror="alert(1)"> & 'quoted'`;

function revolt(over: Partial<CardRevolt> = {}): CardRevolt {
  return {
    id: 'rv1',
    stage: 'escalating',
    priority: 'P2',
    label: HOSTILE,
    target: 'acme',
    key: 'lost-items',
    severity: 41.6,
    openedAt: Date.parse('2026-03-02T06:20:00Z'),
    members: 12,
    insight: {
      timeline: [
        { at: 0, volume: 1, expected: null, low: null, high: null, negativity: 0, reach: 0 },
        { at: 1, volume: 4, expected: 2, low: 1, high: 3, negativity: 0.5, reach: 0 },
      ],
      sources: ['mastodon'],
      pillar: null,
      topPosts: [{ id: 'p1', text: HOSTILE, author: '<b>x</b>', followers: 10, url: null }],
      why: 'twice the usual volume',
    },
    ...over,
  };
}

describe('the revolt card, drawn once', () => {
  it('escapes attacker-controlled text and attribute values when serialised', () => {
    const out = toHtml(revoltCard(revolt()));
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>');
    expect(out).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quoted&#39;');
    // the label also lands in attributes (the sparkline's aria-label): escaped there too
    expect(out).toContain('aria-label="Volume against expected baseline for &lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('carries what the board reads: severity, members, key and a sparkline with its baseline', () => {
    const out = toHtml(revoltCard(revolt()));
    expect(out).toMatch(/^<article class="revolt stage-escalating" id="revolt-rv1" data-id="rv1" data-severity="42"/);
    expect(out).toContain('<span class="members">12</span> posts · opened 2026-03-02 06:20 UTC');
    expect(out).toContain('<code class="key">lost-items</code>');
    expect(out).toContain('<path class="expected"');
    expect(out).toContain('<path class="volume"');
    expect(out).toContain('<span class="pillar">—</span>');
    const noBaseline = revolt({ insight: { ...revolt().insight, timeline: revolt().insight.timeline.map((p) => ({ ...p, expected: null })) } });
    expect(toHtml(revoltCard(noBaseline))).not.toContain('class="expected"');
  });

  it('refuses a tag or attribute name that would inject markup', () => {
    expect(() => toHtml(h('p onclick=x'))).toThrow(/bad tag/);
    expect(() => toHtml(h('p', { 'x" onclick="y': '1' }))).toThrow(/bad attribute/);
    expect(toHtml(h('p', { hidden: '', title: null }, 'a', null, false, 'b'))).toBe('<p hidden>ab</p>');
  });
});

describe('the inbox row, drawn once', () => {
  const NOW = Date.parse('2026-03-02T09:00:00Z');
  const item = (over: Record<string, unknown> = {}) =>
    ({
      id: 'q1',
      kind: 'post',
      target: 'acme',
      title: HOSTILE,
      status: 'new',
      priority: 'P1',
      team: null,
      assignee: null,
      reasons: ['legal'],
      sla: { state: 'running', clock: 'firstResponse', dueAt: new Date(NOW + 600_000).toISOString(), nearAt: null, firstResponse: { state: 'running' } },
      ...over,
    }) as unknown as QueueItemView;

  it('escapes the title and excerpt, counts down on the given clock and offers Claim only when allowed', () => {
    const out = toHtml(caseRow({ item: item(), excerpt: HOSTILE, posts: null }, { canClaim: true, now: NOW }));
    expect(out).not.toContain('<img');
    expect(out).toContain('<blockquote class="text">&lt;img src=x');
    expect(out).toContain('Post · needs its own answer: legal');
    expect(out).toContain('>first response due in 10 min</span>');
    expect(out).toContain('data-api="/api/queue/q1/claim"');
    const later = toHtml(caseRow({ item: item(), excerpt: null, posts: null }, { canClaim: false, now: NOW + 660_000 }));
    expect(later).toContain('class="sla breached"');
    expect(later).toContain('SLA breached: first response overdue by 1 min');
    expect(later).not.toContain('/claim');
    expect(later).not.toContain('blockquote');
  });

  it('shows a case’s post counts when the page has them', () => {
    const out = toHtml(caseRow({ item: item({ kind: 'revolt', status: 'claimed' }), excerpt: null, posts: { total: 12, open: 3 } }, { canClaim: true, now: NOW }));
    expect(out).toContain('Revolt case · <span class="posts-count">12</span> posts, <span class="posts-open">3</span> open');
    expect(out).not.toContain('/claim');
  });
});
