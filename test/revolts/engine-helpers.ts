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

const PLACES = ['Denver', 'Lisbon', 'Oslo', 'Austin', 'Porto', 'Dublin', 'Seoul', 'Quito', 'Perth', 'Accra', 'Cairo', 'Hanoi', 'Lima', 'Riga', 'Tunis', 'Bergen', 'Malaga'];

/** Filler for `said`: every sentence draws its own words around its subject. */
const FILLER = (
  'honestly again really today tonight still somehow totally seriously basically literally clearly ' +
  'waiting queue phone desk staff agent email chat ticket family kids partner colleague friend ' +
  'morning evening weekend monday friday airport station terminal counter gate hall lobby ' +
  'hours minutes forever twice thrice nobody anybody someone everyone whoever ' +
  'shameful unacceptable absurd pathetic ridiculous awful dreadful appalling'
).split(' ');

/**
 * The k-th of many people saying `subject` in their own words: real crowds share a subject, not a
 * text, so the words around it are drawn at random (seeded by k and the subject). Two such texts
 * share far less than the copy threshold: voices, not a campaign.
 */
export function said(k: number, subject: string): string {
  let h = 2166136261 ^ k;
  for (const ch of subject) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  const word = () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507) ^ k;
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return FILLER[(h >>> 0) % FILLER.length];
  };
  const before = [word(), word(), word()].join(' ');
  const after = [word(), word(), word(), word(), word()].join(' ');
  return `${before} ${subject} ${after}`;
}

/** Short texts (five words at most: never mistaken for copies of one another). */
const CHATTER = [
  (p: string) => `Flying Acme to ${p} tomorrow`,
  (p: string) => `Great Acme crew, ${p} today`,
  (p: string) => `Acme lounge in ${p}: nice`,
  (p: string) => `Booked Acme ${p} holidays`,
  (p: string) => `Acme app gate changes ${p}?`,
  (p: string) => `Acme coffee from ${p}: bad`,
];

/** A day or more of ordinary traffic: one post every `everyMin` minutes, a sixth of them grumbles. */
export function background(from: number, to: number, everyMin = 6): EnginePost[] {
  const out: EnginePost[] = [];
  let i = 0;
  for (let t = from; t < to; t += everyMin * MIN) {
    const text = CHATTER[i % CHATTER.length](PLACES[Math.floor(i / CHATTER.length) % PLACES.length]);
    i++;
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
