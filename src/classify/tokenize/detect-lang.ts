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

const SCRIPTS: [RegExp, string][] = [
  [/[\u3040-\u30ff]/g, 'ja'],
  [/[\uac00-\ud7af\u1100-\u11ff]/g, 'ko'],
  [/[\u0400-\u04ff]/g, 'ru'],
  [/[\u0600-\u06ff]/g, 'ar'],
  [/[\u0590-\u05ff]/g, 'he'],
  [/[\u0e00-\u0e7f]/g, 'th'],
  [/[\u0900-\u097f]/g, 'hi'],
  [/[\u0370-\u03ff]/g, 'el'],
];

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

const STOP_INDEX = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) {
  for (const w of words) STOP_INDEX.set(w, [...(STOP_INDEX.get(w) ?? []), lang]);
}

const PL_LETTERS = /[ąęłńśźżć]/gi;
const WORD_RE = /[\p{L}']+/gu;
const HAN_RE = /\p{Script=Han}/gu;
const LETTER_RE = /\p{L}/gu;

/** Detect the language of a post: an ISO 639-1 code, or 'und' when there is nothing to go on. */
export function detectLanguage(text: string): string {
  const letters = countMatches(text, LETTER_RE);
  if (letters === 0) return 'und';
  const han = countMatches(text, HAN_RE);
  for (const [re, lang] of SCRIPTS) if (countMatches(text, re) * 5 >= letters) return han > 0 && lang === 'ja' ? 'ja' : lang;
  if (han > 0 && han * 3 >= letters) return 'zh';
  const scores: Record<string, number> = {};
  const words = text.toLowerCase().match(WORD_RE) ?? [];
  for (const w of words) for (const lang of STOP_INDEX.get(w) ?? []) scores[lang] = (scores[lang] ?? 0) + 1;
  scores.pl = (scores.pl ?? 0) + 2 * countMatches(text, PL_LETTERS);
  let best = 'en';
  let bestScore = 0;
  for (const [lang, s] of Object.entries(scores)) {
    if (s > bestScore || (s === bestScore && lang === 'en')) [best, bestScore] = [lang, s];
  }
  // short Latin-script posts with no function word at all: English is by far the likeliest
  if (bestScore === 0) return 'en';
  if (best !== 'en' && (scores.en ?? 0) === bestScore) return 'en';
  return best;
}

function countMatches(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}
