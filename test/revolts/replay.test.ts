import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/context.js';
import { CHATTER, LOST_LUGGAGE } from '../helpers/luggage.js';

const T0 = Date.parse('2026-03-02T00:00:00Z');
const MIN = 60_000;

function weekFile(): { file: string; burstIds: string[] } {
  const lines: Record<string, unknown>[] = [];
  const texts = CHATTER;
  for (let t = T0, i = 0; t < T0 + 16 * 60 * MIN; t += 7 * MIN, i++) {
    lines.push({ id: `bg${i}`, source: 'acme-x', target: 'acme', author: { id: `u${i % 40}`, followers: 120 }, text: `${texts[i % 4]} (${i})`, publishedAt: new Date(t).toISOString() });
  }
  const onset = T0 + 12 * 60 * MIN;
  const burstIds: string[] = [];
  for (let k = 0; k < 14; k++) {
    burstIds.push(`b${k}`);
    lines.push({ id: `b${k}`, source: 'acme-x', target: 'acme', author: { id: `angry${k}`, followers: 200 * k }, text: `@AcmeAir ${LOST_LUGGAGE[k]}`, publishedAt: new Date(onset + k * 90_000).toISOString(), metrics: { likes: 3, reposts: 1, replies: 0 } });
  }
  lines.sort((a, b) => String(a.publishedAt).localeCompare(String(b.publishedAt)));
  const file = path.join(tmpDir(), 'posts.jsonl');
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n{"not": "a post"}\n');
  return { file, burstIds };
}

describe('backlash replay', () => {
  it('writes revolt events as JSONL on simulated time, following the contract', async () => {
    const { file, burstIds } = weekFile();
    const res = await runCli(['replay', file], { timeoutMs: 120_000 });
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/line \d+: missing "id"/);
    const events = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events[0].type).toBe('revolt.opened');
    expect(events.at(-1).type).toBe('revolt.resolved');
    for (const e of events) {
      expect(['revolt.opened', 'revolt.escalated', 'revolt.updated', 'revolt.resolved']).toContain(e.type);
      expect(new Date(e.at).toISOString()).toBe(e.at);
      expect(Object.keys(e.revolt).sort()).toEqual(['explain', 'id', 'key', 'label', 'postIds', 'priority', 'severity', 'stage', 'target'].sort());
    }
    const opened = events[0];
    // simulated time: the revolt opens minutes after the burst's onset, not at wall-clock time
    const onset = T0 + 12 * 60 * MIN;
    expect(Date.parse(opened.at) - onset).toBeGreaterThanOrEqual(0);
    expect(Date.parse(opened.at) - onset).toBeLessThanOrEqual(30 * MIN);
    expect(opened.revolt).toMatchObject({ target: 'acme', key: 'lost-items', stage: 'emerging' });
    expect(opened.revolt.explain).toMatchObject({ observed: expect.any(Number), expected: expect.any(Number), pValue: expect.any(Number), topTerms: expect.any(Array), firstPost: expect.any(Object), mostReached: expect.any(Object), sources: ['acme-x'] });
    // postIds are the input lines' ids, in the order they joined, growing to every member so far
    expect(opened.revolt.postIds.every((id: string) => burstIds.includes(id))).toBe(true);
    // (members are the burst's posts that carry the revolt's keys: most of them, in the order they were posted)
    const final: string[] = events.at(-1).revolt.postIds;
    expect(final.length).toBeGreaterThanOrEqual(7); // half the burst names lost luggage in words the rules know
    expect(final).toEqual(burstIds.filter((id) => final.includes(id)));
    for (const e of events) expect(final.slice(0, e.revolt.postIds.length)).toEqual(e.revolt.postIds);
    // and so do the posts the explanation names
    expect(burstIds).toContain(opened.revolt.explain.firstPost.id);
    expect(burstIds).toContain(opened.revolt.explain.mostReached.id);
    expect(burstIds).toContain(events.at(-1).revolt.explain.current.firstPost.id);
    expect(burstIds).toContain(events.at(-1).revolt.explain.current.mostReachedPost.id);
    expect(new Set(events.map((e) => e.revolt.id)).size).toBe(1);
  });

  it('writes the same events without a store as with one, pruned or kept', async () => {
    // two weeks of chatter every 3 minutes (about 6,700 posts: chunks reach past the 8 days kept), then a burst
    const lines: Record<string, unknown>[] = [];
    for (let t = T0, i = 0; t < T0 + 14 * 24 * 60 * MIN; t += 3 * MIN, i++) {
      lines.push({ id: `bg${i}`, source: 'acme-x', target: 'acme', author: { id: `u${i % 300}`, followers: 120 }, text: `${CHATTER[i % CHATTER.length]} (${i})`, publishedAt: new Date(t).toISOString() });
      // what ingest drops or links: an id seen again (the same chunk, a later chunk, and past the 8 days
      // kept), a text that is empty once cleaned, the same text again (a repost), a second target met late
      if (i % 500 === 7) lines.push({ ...lines.at(-1)!, text: `again ${i}` });
      if (i % 900 === 11) lines.push({ ...lines[lines.length - 1 - (i % 4)], text: `later ${i}`, publishedAt: new Date(t + 2 * 24 * 60 * MIN).toISOString() });
      if (i === 4500) lines.push({ ...lines[0], text: 'nine days on', publishedAt: new Date(t).toISOString() });
      if (i % 700 === 3) lines.push({ id: `blank${i}`, source: 'acme-x', target: 'acme', author: { id: 'u1' }, text: '\u0001 \u0002', publishedAt: new Date(t).toISOString() });
      if (i % 60 === 5) lines.push({ id: `rt${i}`, source: 'acme-x', target: 'acme', author: { id: `v${i}` }, text: `RT @someone: ${CHATTER[0]} and nothing else to say today`, publishedAt: new Date(t).toISOString() });
      if (i > 3000 && i % 40 === 0) lines.push({ id: `o${i}`, source: 'other-x', target: 'other', author: { id: `w${i % 50}` }, text: `${CHATTER[(i + 1) % CHATTER.length]} [${i}]`, publishedAt: new Date(t).toISOString() });
    }
    const onset = T0 + 13 * 24 * 60 * MIN;
    for (let k = 0; k < 14; k++) lines.push({ id: `b${k}`, source: 'acme-x', target: 'acme', author: { id: `angry${k}`, followers: 200 * k }, text: `@AcmeAir ${LOST_LUGGAGE[k]}`, publishedAt: new Date(onset + k * 90_000).toISOString() });
    lines.sort((a, b) => String(a.publishedAt).localeCompare(String(b.publishedAt)));
    const dir = tmpDir();
    const file = path.join(dir, 'two-weeks.jsonl');
    fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const lean = await runCli(['replay', file], { timeoutMs: 120_000 });
    const pruned = await runCli(['replay', file, '--db', ':memory:'], { timeoutMs: 120_000, env: { LOG_LEVEL: 'debug' } });
    const kept = await runCli(['replay', file, '--db', path.join(dir, 'kept.db')], { timeoutMs: 120_000 });
    expect([lean.code, pruned.code, kept.code]).toEqual([0, 0, 0]);
    expect(pruned.stderr).toMatch(/replay pruned/);
    const opened = lean.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.type === 'revolt.opened');
    expect(opened.map((e) => e.revolt.key)).toContain('lost-items');
    expect(lean.stdout).toBe(kept.stdout);
    expect(pruned.stdout).toBe(kept.stdout);
    // the kept store took the repeated ids once each, except the one seen again after 8 days
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path.join(dir, 'kept.db'), { readonly: true });
    const stored = (db.prepare('select count(*) as n from posts').get() as { n: number }).n;
    db.close();
    const ids = new Set(lines.map((l) => `${l.source}|${l.id}`));
    expect(stored).toBe(ids.size - lines.filter((l) => String(l.id).startsWith('blank')).length);
  });

  it('refuses bad arguments with exit code 2 and a missing file with 1', async () => {
    expect((await runCli(['replay'])).code).toBe(2);
    expect((await runCli(['replay', 'x.jsonl', '--tick', 'soon'])).code).toBe(2);
    const missing = await runCli(['replay', '/nonexistent/posts.jsonl']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);
  });
});
