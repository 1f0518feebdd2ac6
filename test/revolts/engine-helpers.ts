import { RevoltEngine, DEFAULT_PARAMS, type RevoltChange } from '../../src/revolts/engine.js';
import type { EnginePost } from '../../src/revolts/key-state.js';

export const T0 = Date.parse('2026-03-02T00:00:00Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;

let seq = 0;
export function post(p: Partial<EnginePost> & { text: string; publishedAt: number }): EnginePost {
  seq++;
  return { id: `p${seq}`, target: 'acme', source: 'acme-x', author: `a${seq}`, followers: 100, sentiment: 'negative', sentimentScore: -0.6, complaint: true, topics: [], escalation: [], ...p };
}

const CHATTER = ['Flying with Acme tomorrow, any tips?', 'Great crew on my Acme flight today', 'Acme lounge is nice', 'Booked Acme for the holidays', 'Is the Acme app showing gate changes?', 'The coffee on Acme was bad today'];

/** A day or more of ordinary traffic: one post every `everyMin` minutes, a sixth of them grumbles. */
export function background(from: number, to: number, everyMin = 6): EnginePost[] {
  const out: EnginePost[] = [];
  let i = 0;
  for (let t = from; t < to; t += everyMin * MIN) {
    const text = CHATTER[i++ % CHATTER.length];
    const neg = text.includes('bad');
    out.push(post({ text, publishedAt: t, author: `bg${i % 300}`, sentiment: neg ? 'negative' : text.includes('Great') || text.includes('nice') ? 'positive' : 'neutral', sentimentScore: neg ? -0.4 : 0.3, complaint: false }));
  }
  return out;
}

/** Feeds posts in time order and evaluates every `stepMin` minutes, as the service's tick does. */
export function run(engine: RevoltEngine, posts: EnginePost[], from: number, to: number, stepMin = 5): RevoltChange[] {
  const sorted = [...posts].sort((a, b) => a.publishedAt - b.publishedAt);
  const changes: RevoltChange[] = [];
  let i = 0;
  for (let now = from; now <= to; now += stepMin * MIN) {
    const batch: EnginePost[] = [];
    while (i < sorted.length && sorted[i].publishedAt <= now) batch.push(sorted[i++]);
    engine.feed(batch);
    changes.push(...engine.evaluate(now));
  }
  return changes;
}

export function newEngine(): RevoltEngine {
  const e = new RevoltEngine(DEFAULT_PARAMS);
  e.model('acme', 'Acme Air');
  return e;
}
