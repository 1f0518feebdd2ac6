/**
 * The detector in this process, for tuning sweeps: each week's posts are judged once by the
 * shipped classifier (verdicts cached by text), then fed to the revolt engine and evaluated at every
 * minute with posts (every 5 minutes through quiet stretches), as `backlash replay` does. The
 * reported figures come from the real CLI (bench.ts); this path only makes sweeps fast.
 */
import type { Classifier, Verdict } from '../../src/types.js';
import { RevoltEngine, type EngineParams } from '../../src/revolts/engine.js';
import type { EnginePost } from '../../src/revolts/key-state.js';
import type { ReplayLine } from './lines.js';
import { enginePostOf } from '../../src/revolts/detect.js';
import type { Opening } from './score.js';
import type { PeerPost } from './peer.js';

const TICK = 60_000;
const QUIET_TICK = 5 * 60_000;

export interface Judged {
  posts: EnginePost[];
  peer: PeerPost[];
}

export function judge(lines: ReplayLine[], classifier: Classifier, cache = new Map<string, Verdict>()): Judged {
  const posts: EnginePost[] = [];
  const peer: PeerPost[] = [];
  for (const l of lines) {
    const key = `${l.lang}\u0000${l.text}`;
    let v = cache.get(key);
    if (!v) cache.set(key, (v = classifier.classify(l.text, l.lang)));
    const at = Date.parse(l.publishedAt);
    // the engine's view of a post is the service's own (enginePostOf), from the replay line as the pipeline stores it
    posts.push(enginePostOf({ id: l.id, source: l.source, target: l.target, externalId: l.id, author: { id: l.author.id, followers: l.author.followers ?? 0 }, text: l.text, url: l.url ?? null, lang: l.lang, publishedAt: at, metrics: l.metrics ?? null, fetchedAt: at }, v));
    peer.push({ target: l.target, author: l.author.id, at, negative: v.sentiment.label === 'negative' });
  }
  return { posts, peer };
}

export function runEngine(posts: EnginePost[], params?: EngineParams): Opening[] {
  const engine = new RevoltEngine(params);
  const openings: Opening[] = [];
  const record = (now: number) => {
    for (const c of engine.evaluate(now)) {
      if (c.event !== 'revolt.opened') continue;
      openings.push({ target: c.revolt.target, at: now, members: new Set(c.revolt.members.map((m) => m.id)), key: c.revolt.key, why: String(c.explain.reason ?? '') });
    }
  };
  let i = 0;
  let next = Math.ceil(posts[0].publishedAt / TICK) * TICK;
  while (i < posts.length) {
    let j = i;
    while (j < posts.length && posts[j].publishedAt <= next) j++;
    engine.feed(posts.slice(i, j));
    record(next);
    i = j;
    if (i >= posts.length) break;
    const due = Math.ceil(posts[i].publishedAt / TICK) * TICK;
    for (let t = next + QUIET_TICK; t < due; t += QUIET_TICK) record(t);
    next = due > next ? due : next + TICK;
  }
  return openings;
}
