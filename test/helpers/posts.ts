import type { NormalizedPost } from '../../src/types.js';

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
  const texts = ['Flying with Acme tomorrow, any tips?', 'Great crew on my Acme flight today, thanks!', 'Acme lounge is nice', 'Booked Acme for the holidays', 'Is the Acme app showing gate changes?', 'The coffee on Acme was bad'];
  const out: NormalizedPost[] = [];
  let i = 0;
  for (let t = from; t < to; t += everyMin * 60_000) out.push(makePost({ target, text: texts[i++ % texts.length], publishedAt: t }));
  return out;
}
