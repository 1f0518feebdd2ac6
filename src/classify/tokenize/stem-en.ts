/** English keys: natural's Porter stemmer, as ported in porter.ts (the same stems, without regular expressions), cached. */
import { porterStem } from './porter.js';

const CACHE = new Map<string, string>();
const CACHE_MAX = 200_000;

export function stemEnglish(word: string): string {
  let s = CACHE.get(word);
  if (s !== undefined) return s;
  // keep contractions and very short words whole: "don't", "no", "ok" stem badly
  s = word.length <= 3 || word.includes("'") ? word : porterStem(word);
  if (CACHE.size >= CACHE_MAX) CACHE.clear();
  CACHE.set(word, s);
  return s;
}
