/**
 * Does a complaint belong to an open revolt's case although the detector did not make it a member?
 * Pure. The detector counts voices on one key (a topic, a hashtag, a phrase); in a crisis the same
 * customers also write about the hotline, the app or the refund, in other words. Such a complaint,
 * about the same target while the revolt is open, is answered in the revolt's case when it shares
 * the revolt's topic or hashtag, or enough of its top words (singlePosts.joinRevolts).
 */
export interface RevoltSignature {
  topics: Set<string>; // rule topics among the revolt's keys
  hashtags: Set<string>; // lower case, with "#"
  terms: string[]; // top words, lower case
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

function keysOf(explain: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (typeof explain.key === 'string') out.push(explain.key);
  for (const list of [explain.mergedKeys, explain.levels]) {
    if (Array.isArray(list)) for (const k of list) if (k && typeof k === 'object' && typeof (k as { key?: unknown }).key === 'string') out.push((k as { key: string }).key);
  }
  return out;
}

/** What a revolt is about, from its explanation (fields that are absent are simply not used). */
export function signatureOf(key: string, explain: Record<string, unknown>): RevoltSignature {
  const keys = [key, ...keysOf(explain)].map((k) => k.toLowerCase());
  const topics = new Set(keys.filter((k) => /^[a-z0-9][a-z0-9._-]*$/.test(k) && k !== 'negative'));
  const hashtags = new Set(keys.filter((k) => k.startsWith('#')));
  const terms = Array.isArray(explain.topTerms)
    ? (explain.topTerms as unknown[]).map((t) => (t && typeof t === 'object' ? (t as { term?: unknown }).term : t)).filter((t): t is string => typeof t === 'string' && t.length > 1).map((t) => t.toLowerCase())
    : [];
  return { topics, hashtags, terms };
}

export function wordsOf(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/#?[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu) ?? []).map((w) => w.replace(/['’]s$/, '')));
}

/** Why the post belongs to the revolt's case, or null. */
export function affinity(post: { text: string; topics: string[] }, sig: RevoltSignature, minSharedTerms: number): string | null {
  const topic = post.topics.find((t) => sig.topics.has(t.toLowerCase()));
  if (topic) return `same topic (${topic})`;
  const words = wordsOf(post.text);
  const tag = [...sig.hashtags].find((h) => words.has(h));
  if (tag) return `same hashtag (${tag})`;
  if (minSharedTerms <= 0 || sig.terms.length === 0) return null;
  const lower = post.text.toLowerCase();
  const shared = sig.terms.filter((t) => (CJK.test(t) ? lower.includes(t) : words.has(t)));
  return shared.length >= minSharedTerms ? `same words (${shared.slice(0, 4).join(', ')})` : null;
}
