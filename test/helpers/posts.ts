import type { NormalizedPost, RevoltEvent } from '../../src/types.js';
import { processPosts } from '../../src/pipeline/process.js';
import { detectRevolts } from '../../src/revolts/detect.js';
import type { TestContext } from './context.js';

let seq = 0;
/** A post for tests; every call gets a fresh external id unless one is given. */
export function makePost(p: Partial<NormalizedPost> & { text: string; publishedAt: number }): NormalizedPost {
  seq++;
  return {
    source: 'acme-push',
    target: 'acme',
    externalId: `x${seq}`,
    author: { id: `author-${seq}`, followers: 100 },
    ...p,
  };
}

/** Background chatter: one post every `everyMin` minutes from `from` to `to`, mostly neutral or happy. */
export function background(from: number, to: number, everyMin = 10, target = 'acme'): NormalizedPost[] {
  // short texts: too short to be taken for copies of one another (a coordinated campaign)
  const texts = ['Flying Acme tomorrow, tips?', 'Great Acme crew, thanks!', 'Acme lounge is nice', 'Booked Acme for holidays', 'Acme app gate changes?', 'Acme coffee was bad'];
  const out: NormalizedPost[] = [];
  let i = 0;
  for (let t = from; t < to; t += everyMin * 60_000) out.push(makePost({ target, text: texts[i++ % texts.length], publishedAt: t }));
  return out;
}

/**
 * Feeds `posts` in time order through the real pipeline and runs a detection tick every
 * `stepMin` simulated minutes from `from` to `to`, as the service does. Returns the events.
 */
export async function tickThrough(ctx: TestContext, posts: NormalizedPost[], from: number, to: number, stepMin = 5): Promise<RevoltEvent[]> {
  const step = stepMin * 60_000;
  const sorted = [...posts].sort((a, b) => a.publishedAt - b.publishedAt).filter((p) => p.publishedAt > from - step && p.publishedAt <= to);
  const events: RevoltEvent[] = [];
  let i = 0;
  for (let now = from; now <= to; now += step) {
    ctx.clock.set(now);
    const batch: NormalizedPost[] = [];
    while (i < sorted.length && sorted[i].publishedAt <= now) batch.push(sorted[i++]);
    await processPosts(ctx, batch);
    events.push(...(await detectRevolts(ctx, now)));
  }
  return events;
}
