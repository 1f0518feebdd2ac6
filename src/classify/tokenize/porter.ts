/**
 * The Porter stemmer exactly as natural implements it (lib/natural/stemmers/porter_stemmer.js,
 * MIT, Chris Umbel), quirks included: the shipped model's features are natural's stems, so every
 * stem must stay the same. natural builds each step from regular expressions (a fresh RegExp per
 * suffix tried); here the same steps are string and character operations, several times faster
 * on words never seen before. test/classify/porter.test.ts compares the two on every word of the
 * corpus, the evaluation sets and the rule files (and of ../shared/datasets when present).
 */

const isAeiou = (c: number) => c === 97 || c === 101 || c === 105 || c === 111 || c === 117;
const isAeiouy = (c: number) => isAeiou(c) || c === 121;

/**
 * natural's categorizeGroups (/[^aeiouy]+y/g → "CV", then vowel runs → "V", then runs of anything
 * else → "C"), written into G as 0 = C, 1 = V; returns the length. No string is built.
 */
let G = new Uint8Array(64);
function categorizeGroups(t: string): number {
  const n = t.length;
  if (G.length < 2 * n + 2) G = new Uint8Array(2 * n + 2);
  let k = 0;
  // state of the last symbol written: 0 none, 1 V from a vowel run, 2 C run (open), 3 V from "CV"
  let state = 0;
  for (let i = 0; i < n; ) {
    const c = t.charCodeAt(i);
    if (isAeiou(c)) {
      if (state !== 1) G[k++] = 1;
      state = 1;
      i++;
      continue;
    }
    if (c === 121 /* y not after a consonant run */) {
      if (state !== 2) G[k++] = 0;
      state = 2;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && !isAeiouy(t.charCodeAt(j))) j++;
    if (state !== 2) G[k++] = 0;
    state = 2;
    if (j < n && t.charCodeAt(j) === 121) {
      // "CV": the C joins an open C run; the V stands alone (a vowel run after it is another V)
      G[k++] = 1;
      state = 3;
      i = j + 1;
    } else i = j;
  }
  return k;
}

function hasV(len: number): boolean {
  for (let i = 0; i < len; i++) if (G[i] === 1) return true;
  return false;
}

/** natural's categorizeChars: each consonant C, each vowel V ("y" after a consonant: "CV") */
function categorizeChars(t: string): string {
  let out = '';
  const n = t.length;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (!isAeiouy(c) && i + 1 < n && t.charCodeAt(i + 1) === 121) {
      out += 'CV';
      i++;
    } else out += isAeiou(c) ? 'V' : 'C';
  }
  return out;
}

function measure(t: string | null): number {
  if (!t) return -1;
  let len = categorizeGroups(t);
  let from = 0;
  if (len > 0 && G[0] === 0) from = 1;
  if (len > from && G[len - 1] === 1) len--;
  return (len - from) / 2;
}

function endsWithDoubleConsonant(t: string): boolean {
  const n = t.length;
  return n >= 2 && t.charCodeAt(n - 1) === t.charCodeAt(n - 2) && !isAeiou(t.charCodeAt(n - 1));
}

/** natural's attemptReplace for a plain suffix: the replaced word, or null when it does not end so */
function replaceSuffix(t: string, suffix: string, by: string): string | null {
  return t.endsWith(suffix) ? t.slice(0, t.length - suffix.length) + by : null;
}

/**
 * natural's attemptReplacePatterns: the measure is tested on the original word, each replacement
 * made on the result so far.
 */
function replacePatterns(t: string, patterns: readonly (readonly [string, string])[], threshold: number | null): string {
  let r = t;
  for (const [suffix, by] of patterns) {
    if (threshold === null || measure(replaceSuffix(t, suffix, '')) > threshold) r = replaceSuffix(r, suffix, by) || r;
  }
  return r || t;
}

function step1a(t: string): string {
  if (t.endsWith('sses') || t.endsWith('ies')) return t.slice(0, -2);
  const n = t.length;
  if (t.charCodeAt(n - 1) === 115 && t.charCodeAt(n - 2) !== 115 && n > 2) return t.slice(0, -1);
  return t;
}

const STEP1B_FIXES = [
  ['at', 'ate'],
  ['bl', 'ble'],
  ['iz', 'ize'],
] as const;

function step1b(t: string): string {
  if (t.endsWith('eed')) {
    if (measure(t.slice(0, -3)) > 0) return t.slice(0, -1);
    return t;
  }
  const cut = t.endsWith('ed') ? t.slice(0, -2) : t.endsWith('ing') ? t.slice(0, -3) : null;
  if (!cut) return t; // no suffix, or nothing before it
  if (!hasV(categorizeGroups(cut))) return t;
  const fixed = replacePatterns(cut, STEP1B_FIXES, null);
  if (fixed !== cut) return fixed;
  const last = cut.charCodeAt(cut.length - 1);
  if (endsWithDoubleConsonant(cut) && last !== 108 && last !== 115 && last !== 122) return cut.slice(0, -1);
  if (measure(cut) === 1 && categorizeChars(cut).slice(-3) === 'CVC' && last !== 119 && last !== 120 && last !== 121) return cut + 'e';
  return cut;
}

function step1c(t: string): string {
  if (t.charCodeAt(t.length - 1) !== 121) return t;
  return hasV(categorizeGroups(t) - 1) ? t.slice(0, -1) + 'i' : t;
}

const STEP2 = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['abli', 'able'], ['bli', 'ble'],
  ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate'],
  ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
] as const;
const STEP3 = [['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', '']] as const;
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize']
  .sort((a, b) => b.length - a.length);

function step4(t: string): string {
  // /^(.+?)(al|ance|…|ize)$/: the shortest stem, so the longest suffix (with a stem of 1+ letters)
  for (const s of STEP4) {
    if (t.length > s.length && t.endsWith(s)) {
      const stem = t.slice(0, t.length - s.length);
      if (measure(stem) > 1) return stem;
      break;
    }
  }
  // /^(.+?)(s|t)(ion)$/ keeping the s or t
  if (t.length > 4 && t.endsWith('ion')) {
    const c = t.charCodeAt(t.length - 4);
    if (c === 115 || c === 116) {
      const stem = t.slice(0, -3);
      if (measure(stem) > 1) return stem;
    }
  }
  return t;
}

function step5a(t: string): string {
  const e = t.charCodeAt(t.length - 1) === 101;
  const m = measure(e ? t.slice(0, -1) : t);
  if (!e) return t;
  if (m > 1) return t.slice(0, -1);
  if (m === 1) {
    const cvc = categorizeChars(t).substr(-4, 3) === 'CVC';
    const n = t.length;
    const beforeLast = n >= 2 ? t.charCodeAt(n - 2) : -1;
    const notWxy = beforeLast !== -1 && beforeLast !== 119 && beforeLast !== 120 && beforeLast !== 121;
    if (!(cvc && notWxy)) return t.slice(0, -1);
  }
  return t;
}

function step5b(t: string): string {
  return measure(t) > 1 && t.endsWith('ll') ? t.slice(0, -1) : t;
}

export function porterStem(word: string): string {
  if (word.length < 3) return word;
  let t = word.toLowerCase();
  t = step1a(t);
  t = step1b(t);
  t = step1c(t);
  t = replacePatterns(t, STEP2, 0);
  t = replacePatterns(t, STEP3, 0);
  t = step4(t);
  t = step5a(t);
  return step5b(t);
}
