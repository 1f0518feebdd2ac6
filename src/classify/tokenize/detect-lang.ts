/**
 * Language detection by script first, then by function words. Enough for short social posts in the
 * languages we score (en, pl, zh) and honest about the others: they come back marked with their own
 * code (or 'und'), and the classifier scores them neutral with low confidence.
 */
export const SCORED_LANGS = ['en', 'pl', 'zh'] as const;
export type ScoredLang = (typeof SCORED_LANGS)[number];

export function isScoredLang(lang: string): lang is ScoredLang {
  return lang === 'en' || lang === 'pl' || lang === 'zh';
}

const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'is', 'to', 'my', 'you', 'it', 'of', 'for', 'in', 'on', 'this', 'that', 'was', 'with', 'not', 'have', 'your', 'are', 'i', 'me', 'so', 'just', 'but', 'no', 'be', 'at', 'a', 'an', "i'm", "don't", 'can', 'get', 'what', 'why', 'now', 'they', 'we', 'will', 'from', 'been', 'has', 'still', 'thanks', 'please'],
  pl: ['nie', 'jest', 'się', 'i', 'w', 'na', 'z', 'że', 'do', 'to', 'jak', 'bardzo', 'ale', 'po', 'co', 'tak', 'za', 'od', 'był', 'była', 'było', 'mnie', 'mi', 'już', 'czy', 'tylko', 'dla', 'przez', 'pan', 'pani', 'jestem', 'są', 'mam', 'go', 'jej', 'ten', 'ta', 'też', 'polecam', 'bo', 'który', 'która', 'oraz', 'gdy', 'jego', 'tego'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'ich', 'mit', 'sie', 'ein', 'eine', 'zu', 'den', 'von', 'auf', 'für', 'auch', 'es', 'sehr', 'wir', 'aber', 'noch', 'mein', 'kein'],
  fr: ['le', 'la', 'les', 'et', 'est', 'je', 'pas', 'un', 'une', 'des', 'du', 'que', 'qui', 'pour', 'avec', 'dans', 'ce', 'mais', 'très', 'mon', 'vous', 'ne', 'sur', 'au', "c'est"],
  es: ['el', 'la', 'los', 'las', 'y', 'es', 'que', 'de', 'no', 'en', 'un', 'una', 'por', 'con', 'para', 'muy', 'pero', 'mi', 'lo', 'del', 'se', 'al', 'está', 'como'],
  pt: ['o', 'a', 'os', 'as', 'e', 'é', 'não', 'de', 'do', 'da', 'em', 'um', 'uma', 'para', 'com', 'muito', 'mas', 'meu', 'que', 'se', 'no', 'na', 'você', 'está'],
  it: ['il', 'lo', 'la', 'gli', 'e', 'è', 'non', 'di', 'che', 'un', 'una', 'per', 'con', 'molto', 'ma', 'mio', 'sono', 'del', 'della', 'nel', 'ho', 'questo'],
  nl: ['de', 'het', 'een', 'en', 'is', 'niet', 'ik', 'van', 'met', 'op', 'voor', 'zijn', 'maar', 'ook', 'wel', 'heel', 'mijn', 'dat', 'die', 'je', 'nog', 'geen'],
};

const LANGS = Object.keys(STOPWORDS);
const STOP_INDEX = new Map<string, number[]>();
for (const [li, lang] of LANGS.entries()) {
  for (const w of STOPWORDS[lang]) STOP_INDEX.set(w, [...(STOP_INDEX.get(w) ?? []), li]);
}

const MAX_STOP_LEN = Math.max(...[...STOP_INDEX.keys()].map((w) => w.length));

/**
 * ASCII function words by (length, first letter): a word of the text is compared in place, case
 * folded, with the few candidates of its length and initial — no substring, no lower-casing.
 */
const ASCII_STOPS = new Map<number, { word: string; langs: number[] }[]>();
for (const [word, langs] of STOP_INDEX) {
  if (!/^[a-z']+$/.test(word)) continue;
  const k = (word.length << 8) | word.charCodeAt(0);
  ASCII_STOPS.set(k, [...(ASCII_STOPS.get(k) ?? []), { word, langs }]);
}

function asciiStopAt(text: string, i: number, j: number): number[] | undefined {
  let c0 = text.charCodeAt(i);
  if (c0 >= 65 && c0 <= 90) c0 += 32;
  const cands = ASCII_STOPS.get(((j - i) << 8) | c0);
  if (!cands) return undefined;
  next: for (const { word, langs } of cands) {
    for (let k = 1; k < word.length; k++) {
      let c = text.charCodeAt(i + k);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== word.charCodeAt(k)) continue next;
    }
    return langs;
  }
  return undefined;
}

const EN = LANGS.indexOf('en');
const PL = LANGS.indexOf('pl');
const PL_CHARS = new Set([...'ąęłńśźżćĄĘŁŃŚŹŻĆ'].map((c) => c.charCodeAt(0)));
const LETTER_RE = /\p{L}/u;

/** Length of the [\p{L}'] character at i (WORD_RE's words are runs of them), 0 for any other: ASCII inline, the rest by the regex. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff) return LETTER_RE.test(text.slice(i, i + 2)) ? 2 : 0;
  return LETTER_RE.test(text[i]) ? 1 : 0;
}

/** Detect the language of a post: an ISO 639-1 code, or 'und' when there is nothing to go on. */
export function detectLanguage(text: string): string {
  // one pass over the characters: letters per script
  let letters = 0;
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let cyr = 0;
  let arabic = 0;
  let hebrew = 0;
  let thai = 0;
  let deva = 0;
  let greek = 0;
  let plMarks = 0;
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
      continue;
    }
    ascii = false;
    if (c >= 0x4e00 && c <= 0x9fff) han++;
    else if (c >= 0x3400 && c <= 0x4dbf) han++;
    else if (c >= 0x3040 && c <= 0x30ff) kana++;
    else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff)) hangul++;
    else if (c >= 0x0400 && c <= 0x04ff) cyr++;
    else if (c >= 0x0600 && c <= 0x06ff) arabic++;
    else if (c >= 0x0590 && c <= 0x05ff) hebrew++;
    else if (c >= 0x0e00 && c <= 0x0e7f) thai++;
    else if (c >= 0x0900 && c <= 0x097f) deva++;
    else if (c >= 0x0370 && c <= 0x03ff) greek++;
    else if (c >= 0xc0 && c <= 0x24f) {
      letters++;
      if (PL_CHARS.has(c)) plMarks++;
      continue;
    } else continue;
    letters++;
  }
  if (letters === 0) return 'und';
  if (!ascii) {
    const fifth = letters / 5;
    if (kana >= fifth) return 'ja';
    if (hangul >= fifth) return 'ko';
    if (cyr >= fifth) return 'ru';
    if (arabic >= fifth) return 'ar';
    if (hebrew >= fifth) return 'he';
    if (thai >= fifth) return 'th';
    if (deva >= fifth) return 'hi';
    if (greek >= fifth) return 'el';
  }
  if (han > 0 && han * 3 >= letters) return 'zh';
  const scores = new Float64Array(LANGS.length);
  countStopWords(text, ascii, scores);
  scores[PL] += 2 * plMarks;
  // a tie goes to the language listed first: English, then Polish (Polish typed without its
  // diacritics shares short words with German, Portuguese and French)
  let best = EN;
  for (let li = 0; li < LANGS.length; li++) if (scores[li] > scores[best]) best = li;
  const bestScore = scores[best];
  // short Latin-script posts with no function word at all: English is by far the likeliest
  if (bestScore === 0) return 'en';
  return LANGS[best];
}

/** Adds one to a language's score for each of its function words in the text. */
function countStopWords(text: string, ascii: boolean, scores: Float64Array): void {
  const count = (langs: number[] | undefined) => {
    if (langs) for (const li of langs) scores[li]++;
  };
  if (ascii) {
    // plain ASCII (most posts): the words of WORD_RE are runs of [A-Za-z'], and only runs as short
    // as the longest function word can count
    for (let i = 0; i < text.length; ) {
      const c = text.charCodeAt(i);
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39)) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (!((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || d === 39)) break;
        j++;
      }
      if (j - i <= MAX_STOP_LEN) count(asciiStopAt(text, i, j));
      i = j;
    }
  } else {
    // other scripts mixed in: words are runs of letters and apostrophes (WORD_RE); only runs as
    // short as the longest function word are lower-cased and looked up
    for (let i = 0; i < text.length; ) {
      let w = wordCharAt(text, i);
      if (w === 0) {
        i++;
        continue;
      }
      let j = i + w;
      while (j < text.length && (w = wordCharAt(text, j)) > 0) j += w;
      if (j - i <= MAX_STOP_LEN) count(STOP_INDEX.get(text.slice(i, j).toLowerCase()));
      i = j;
    }
  }
}
