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

  it('prunes its in-memory store by time without changing a single event', async () => {
    // two weeks of chatter every 3 minutes (about 6,700 posts: chunks reach past the 8 days kept), then a burst
    const lines: Record<string, unknown>[] = [];
    for (let t = T0, i = 0; t < T0 + 14 * 24 * 60 * MIN; t += 3 * MIN, i++) {
      lines.push({ id: `bg${i}`, source: 'acme-x', target: 'acme', author: { id: `u${i % 300}`, followers: 120 }, text: `${CHATTER[i % CHATTER.length]} (${i})`, publishedAt: new Date(t).toISOString() });
    }
    const onset = T0 + 13 * 24 * 60 * MIN;
    for (let k = 0; k < 14; k++) lines.push({ id: `b${k}`, source: 'acme-x', target: 'acme', author: { id: `angry${k}`, followers: 200 * k }, text: `@AcmeAir ${LOST_LUGGAGE[k]}`, publishedAt: new Date(onset + k * 90_000).toISOString() });
    lines.sort((a, b) => String(a.publishedAt).localeCompare(String(b.publishedAt)));
    const dir = tmpDir();
    const file = path.join(dir, 'two-weeks.jsonl');
    fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const pruned = await runCli(['replay', file], { timeoutMs: 120_000, env: { LOG_LEVEL: 'debug' } });
    const kept = await runCli(['replay', file, '--db', path.join(dir, 'kept.db')], { timeoutMs: 120_000 });
    expect(pruned.code).toBe(0);
    expect(kept.code).toBe(0);
    expect(pruned.stderr).toMatch(/replay pruned/);
    const opened = pruned.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.type === 'revolt.opened');
    expect(opened.map((e) => e.revolt.key)).toContain('lost-items');
    expect(pruned.stdout).toBe(kept.stdout);
  });

  it('refuses bad arguments with exit code 2 and a missing file with 1', async () => {
    expect((await runCli(['replay'])).code).toBe(2);
    expect((await runCli(['replay', 'x.jsonl', '--tick', 'soon'])).code).toBe(2);
    const missing = await runCli(['replay', '/nonexistent/posts.jsonl']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);
  });
});
