/**
 * Polish lemmas from a table generated from hunspell-pl (scripts/gen-pl-lemmas.ts): a word form of
 * the project's vocabulary is replaced by its lemma ("polecała" → "polecać", "lekarzowi" →
 * "lekarz"), then normalised as before; negation is kept ("niemiłego" → "niemiły", never "miły");
 * forms the table does not know go through the normaliser alone.
 *
 * Not in the pipeline: measured by bench/pl-lemmas.ts, it did not move macro-F1 on the public
 * Polish set (see docs/classification.md, "Polish lemmas"), so the normaliser alone stays the key.
 */
import type { KeyFn } from './latin.js';
import { normalisePolish } from './normalise-pl.js';

/** the table's text ("lemma 1ci 0em|…", see the generator) as form → lemma */
export function parseLemmaTable(text: string): Map<string, string> {
  const t = new Map<string, string>();
  for (const group of text.split('|')) {
    const parts = group.split(' ');
    const lemma = parts[0];
    for (let i = 1; i < parts.length; i++) {
      const p = parts[i];
      const form = p[0] === '=' ? p.slice(1) : lemma.slice(0, lemma.length - Number(p[0])) + p.slice(1);
      t.set(form, lemma);
    }
  }
  return t;
}

/** the Polish key with lemmas: lemma (when the table knows the form), then the normaliser */
export function polishLemmaKey(table: Map<string, string>): KeyFn {
  const cache = new Map<string, string>();
  return (word: string) => {
    let k = cache.get(word);
    if (k !== undefined) return k;
    k = normalisePolish(table.get(word) ?? word);
    if (cache.size > 200_000) cache.clear();
    cache.set(word, k);
    return k;
  };
}
