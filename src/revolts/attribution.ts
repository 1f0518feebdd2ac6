/**
 * Which brand a post is about (pure data). A search for one brand also catches posts about its
 * competitors ("@Delta lost my bag again, should have flown @united"): the first brand a post
 * addresses is its subject, and a post about another watched target is not a voice here.
 */
import { mentionsOf } from './keys.js';

/** Brand words shorter than this never match a handle by prefix ("us" would match @usatoday). */
const MIN_PREFIX = 5;

export function brandWordsOf(id: string, name: string): Set<string> {
  const words = new Set<string>();
  for (const s of [id, name]) {
    for (const w of s.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w.length >= 2) words.add(w);
    words.add(s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ''));
  }
  return words;
}

export class BrandIndex {
  /** brand word → target ids that use it */
  private readonly owners = new Map<string, Set<string>>();
  private readonly words = new Map<string, Set<string>>();

  set(target: string, name: string): Set<string> {
    const old = this.words.get(target);
    if (old) for (const w of old) this.owners.get(w)?.delete(target);
    const words = brandWordsOf(target, name);
    this.words.set(target, words);
    for (const w of words) {
      if (w.length < 4) continue;
      let s = this.owners.get(w);
      if (!s) this.owners.set(w, (s = new Set()));
      s.add(target);
    }
    return words;
  }

  wordsOf(target: string): Set<string> | undefined {
    return this.words.get(target);
  }

  /** The watched targets a handle names (exactly, or as a prefix like @SouthwestAir), if any. */
  private named(handle: string): Set<string> | undefined {
    const h = handle.replace(/[^\p{L}\p{N}]+/gu, '');
    const exact = this.owners.get(h);
    if (exact?.size) return exact;
    for (let n = h.length - 1; n >= MIN_PREFIX; n--) {
      const s = this.owners.get(h.slice(0, n));
      if (s?.size) return s;
    }
    return undefined;
  }

  /** True when the first watched brand the text addresses is another target than `target`. */
  aboutAnother(text: string, target: string): boolean {
    if (this.words.size < 2) return false;
    for (const m of mentionsOf(text)) {
      const s = this.named(m);
      if (!s) continue;
      return !s.has(target);
    }
    return false;
  }
}
