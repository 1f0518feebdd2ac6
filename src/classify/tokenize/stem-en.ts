/** English keys: natural's Porter stemmer (only that file: natural's index takes 1.5 s to import), cached. */
import porter from 'natural/lib/natural/stemmers/porter_stemmer.js';

const CACHE = new Map<string, string>();
const CACHE_MAX = 200_000;

export function stemEnglish(word: string): string {
  let s = CACHE.get(word);
  if (s !== undefined) return s;
  // keep contractions and very short words whole: "don't", "no", "ok" stem badly
  s = word.length <= 3 || word.includes("'") ? word : porter.stem(word);
  if (CACHE.size >= CACHE_MAX) CACHE.clear();
  CACHE.set(word, s);
  return s;
}
