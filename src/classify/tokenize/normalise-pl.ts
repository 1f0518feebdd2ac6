/**
 * Polish normaliser: folds diacritics (people type "zle" for "źle" on phones) and strips one
 * inflectional ending, so that "polecam / polecamy / poleciła / polecenie" or "miły / miła / miłego"
 * meet on one key. Deliberately light: the lexicon goes through the same function, so both sides of
 * every lookup agree even where the "stem" is not a linguist's stem.
 */
const FOLD: Record<string, string> = { ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z' };
const FOLD_RE = /[ąćęłńóśźż]/g;

// longest first; verb, noun and adjective endings after folding
const SUFFIXES = [
  'owaniem', 'owania', 'owaniu', 'owanie', 'iejszy', 'iejsza', 'iejsze', 'ejszy', 'ejsza', 'ejsze',
  'owego', 'owemu', 'owych', 'owymi', 'aniem', 'eniem', 'ania', 'aniu', 'anie', 'enia', 'eniu', 'enie',
  'alismy', 'ilismy', 'alam', 'alem', 'ilam', 'ilem', 'ylam', 'ylem', 'acie', 'ecie', 'icie',
  'ego', 'emu', 'ymi', 'imi', 'ych', 'ich', 'owi', 'ami', 'ach', 'owa', 'owe', 'owy', 'amy', 'emy', 'imy',
  'aja', 'eja', 'esz', 'isz', 'ysz', 'ila', 'ilo', 'ili', 'yla', 'ylo', 'yli', 'ala', 'alo', 'ali',
  'om', 'ow', 'ej', 'em', 'ym', 'im', 'am', 'ac', 'ic', 'yc', 'al', 'il', 'yl', 'ia', 'ie', 'iu',
  'a', 'e', 'i', 'y', 'u', 'o',
];
const MIN_STEM = 3;
const CACHE = new Map<string, string>();

export function foldPolish(word: string): string {
  return word.replace(FOLD_RE, (c) => FOLD[c]);
}

export function normalisePolish(word: string): string {
  let s = CACHE.get(word);
  if (s !== undefined) return s;
  s = stripEnding(foldPolish(word));
  if (CACHE.size > 200_000) CACHE.clear();
  CACHE.set(word, s);
  return s;
}

function stripEnding(w: string): string {
  if (w.length <= MIN_STEM || w.includes("'")) return w;
  for (const suf of SUFFIXES) {
    if (w.length - suf.length >= MIN_STEM && w.endsWith(suf)) return w.slice(0, -suf.length);
  }
  return w;
}
