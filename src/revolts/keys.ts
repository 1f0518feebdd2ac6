/**
 * The keys a post can share with others (pure). Levels, broadest first: the whole target (`*`, every
 * voice), its CX pillars (`pillar:integrity`), its touchpoints (`touchpoint:phone`) and its rule topics
 * (`lost-items`); then what people chose to say: hashtags, shared links, content terms (words and
 * pairs of consecutive words: `phrase:seat deposit`) and copy-paste campaigns (`campaign:…`, given
 * by campaigns.ts). Content terms suit the language: Polish words meet on one stem whatever their
 * ending, Chinese text gives character pairs (no spaces to split on).
 */
import { normalisePolish } from '../classify/tokenize/normalise-pl.js';

export type KeyKind = 'target' | 'pillar' | 'touchpoint' | 'topic' | 'campaign' | 'hashtag' | 'link' | 'phrase';

/** The key every voice of a target carries. */
export const TARGET_KEY = '*';

export function kindOf(key: string): KeyKind {
  if (key === TARGET_KEY) return 'target';
  if (key.startsWith('#')) return 'hashtag';
  if (key.startsWith('phrase:')) return 'phrase';
  if (key.startsWith('link:')) return 'link';
  if (key.startsWith('pillar:')) return 'pillar';
  if (key.startsWith('touchpoint:')) return 'touchpoint';
  if (key.startsWith('campaign:')) return 'campaign';
  return 'topic';
}

/** Levels learn how much their share drifts and are tested over long windows too. */
export function isLevel(kind: KeyKind): boolean {
  return kind === 'target' || kind === 'pillar' || kind === 'touchpoint' || kind === 'topic';
}

/** Broad levels hold much of a target's ordinary traffic: they explain a revolt, they rarely name it. */
export function isBroad(kind: KeyKind): boolean {
  return kind === 'target' || kind === 'pillar' || kind === 'touchpoint';
}

/** A single content word (a phrase key without a space): one of thousands, and common ones drift. */
export function isWord(key: string): boolean {
  return key.startsWith('phrase:') && !key.includes(' ', 7);
}

// Function words in the languages the classifier reads; they never make a phrase on their own.
const STOPWORDS = new Set(
  (
    'a an the and or but if so of to in on at by for from with about as into over after before than then this that these those ' +
    'is am are was were be been being do does did done have has had having will would can could should shall may might must ' +
    'i me my mine we us our you your yours he him his she her it its they them their what which who whom whose when where why how ' +
    'not no nor just very too also only still again ever even really all any some more most much many such own same other ' +
    'there here out up down off now get got getting im ive dont didnt doesnt cant wont isnt wasnt arent youre thats its ' +
    'rt via amp http https www com co via u ur pls please thanks thank hi hey lol omg yes ok okay one two today yesterday tomorrow ' +
    'nie jest się i w na z do że to jak ale po co czy tak dla od przez bardzo był była było są mnie mi ' +
    'jak jego jej ich nam was pan pani ten ta te tym tego tej tylko już jeszcze może można też oraz lub albo gdy bo'
  ).split(/\s+/),
);
/** Chinese characters that carry no subject on their own: a pair of two of them is no key. */
const ZH_FUNCTION = new Set('的了是我你他她它们在有不这那就都也很还和吧吗呢啊个一到说要会着没给让被把又而及与或等啦嘛哦呀么'.split(''));

const URL_RE = /https?:\/\/[^\s<>"')“”‘’]+/gi;
const MENTION_RE = /(^|[^\p{L}\p{N}_])@([\p{L}\p{N}_]+)/gu;
const HASHTAG_RE = /(?:^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]{2,64})/gu;
const WORD_RE = /[\p{L}\p{N}']+/gu;
const HAN_RE = /\p{Script=Han}/u;
const HAN_RUN_RE = /\p{Script=Han}+/gu;
const DIGITS_RE = /^\d+$/;
const REPOST_RE = /^\s*(rt|repost(ed)?|retweet(ed)?)\b\s*@?[\p{L}\p{N}_]*:?/iu;
// Someone else's post quoted inside a post: "“@user: …”" (or straight quotes), or "… RT @user: …" to the end.
const QUOTE_RE = /[“"]\s*@[\p{L}\p{N}_]+:[^”"]*(?:[”"]|$)/gu;
const INNER_RT_RE = /(^|[^\p{L}\p{N}_])(?:rt|mt)\s+@[\p{L}\p{N}_]+[\s\S]*$/iu;
const MAYBE_QUOTE_RE = /["“]\s*@|(?:^|[^\p{L}\p{N}_])[rm]t\s+@/iu;

/** The author's own words: a quoted post is someone else's (its keys are not this voice's keys). */
export function ownText(text: string): { text: string; quoted: boolean } {
  if (!MAYBE_QUOTE_RE.test(text)) return { text, quoted: false };
  const own = text.replace(QUOTE_RE, ' ').replace(INNER_RT_RE, '$1 ');
  return { text: own, quoted: own.length !== text.length };
}

/** host + path of a shared link, without scheme, query, fragment or trailing slash. */
export function linkKey(url: string): string | null {
  try {
    const u = new URL(url);
    const path = u.pathname.replace(/\/+$/, '');
    const host = u.hostname.replace(/^www\./, '').toLowerCase();
    return `link:${host}${path}`.slice(0, 200);
  } catch {
    return null;
  }
}

/** The @handles a text mentions, in order, lower case. */
export function mentionsOf(text: string): string[] {
  if (!text.includes('@')) return [];
  const out: string[] = [];
  for (const m of text.matchAll(MENTION_RE)) out.push(m[2].toLowerCase());
  return out;
}

function stripLinksAndMentions(text: string): string {
  let cleaned = text.toLowerCase();
  if (cleaned.includes('http')) cleaned = cleaned.replace(URL_RE, ' ');
  if (cleaned.includes('@')) cleaned = cleaned.replace(MENTION_RE, '$1 ');
  return cleaned;
}

/** Character pairs of a Chinese run, skipping pairs of two function characters. */
function hanPairs(run: string, out: string[], extraStop?: ReadonlySet<string>): void {
  for (let i = 0; i + 1 < run.length; i++) {
    const a = run[i];
    const b = run[i + 1];
    if (ZH_FUNCTION.has(a) && ZH_FUNCTION.has(b)) continue;
    const pair = a + b;
    if (!extraStop?.has(pair)) out.push(pair);
  }
}

/**
 * Content terms of a text in the form keys use: lower case, without links, mentions, numbers or
 * stopwords; Polish words reduced to their stem; Chinese runs as character pairs.
 */
export function contentWords(text: string, extraStop?: ReadonlySet<string>, lang?: string | null): string[] {
  const cleaned = stripLinksAndMentions(text);
  const out: string[] = [];
  const polish = lang === 'pl';
  const han = HAN_RE.test(cleaned);
  const latin = han ? cleaned.replace(HAN_RUN_RE, (run) => (hanPairs(run, out, extraStop), ' ')) : cleaned;
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(latin); m !== null; m = WORD_RE.exec(latin)) {
    let w = m[0];
    if (w.includes("'")) w = w.replace(/^'+|'+$/g, '').replace(/'s$/, '').replace(/'/g, '');
    if (w.length < 3 || STOPWORDS.has(w) || extraStop?.has(w) || DIGITS_RE.test(w)) continue;
    out.push(polish ? normalisePolish(w) : w);
  }
  return out;
}

export interface PostKeys {
  keys: string[];
  /** Content terms in order (the author's own), for the explanation's top terms and for merging. */
  words: string[];
  /**
   * The post only passes on another one: a repost ("RT @user: …") or a quote with fewer than two
   * words of its own. It is reach, not a voice; its keys are those of what it passes on.
   */
  echo: boolean;
}

export interface KeyInput {
  text: string;
  topics: readonly string[];
  pillars?: readonly string[];
  touchpoints?: readonly string[];
  lang?: string | null;
}

function levelKeys(p: KeyInput, keys: string[]): void {
  keys.push(TARGET_KEY);
  if (p.pillars) for (const x of new Set(p.pillars)) keys.push('pillar:' + x);
  if (p.touchpoints) for (const x of new Set(p.touchpoints)) keys.push('touchpoint:' + x);
  for (const t of p.topics) keys.push(t);
}

function termKeys(text: string, p: KeyInput, keys: string[], brandWords?: ReadonlySet<string>): string[] {
  let body = text;
  if (text.includes('#')) {
    for (const m of text.matchAll(HASHTAG_RE)) {
      const tag = m[1].toLowerCase();
      if (!DIGITS_RE.test(tag)) keys.push('#' + tag);
    }
    body = text.replace(HASHTAG_RE, ' ');
  }
  if (text.includes('http')) {
    for (const m of text.matchAll(URL_RE)) {
      const k = linkKey(m[0]);
      if (k) keys.push(k);
    }
  }
  const words = contentWords(body, brandWords, p.lang);
  // Chinese pairs are keys on their own; a pair of them would make every post a hundred keys
  const cjk = HAN_RE.test(body);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.length >= 4 || (cjk && HAN_RE.test(w))) keys.push('phrase:' + w);
    if (!cjk && i + 1 < words.length && w !== words[i + 1]) keys.push('phrase:' + w + ' ' + words[i + 1]);
  }
  return words;
}

/**
 * Every key the post carries (it may repeat one: the model counts a post once per key). Hashtags,
 * links and phrases come from the author's own words, not from a post it quotes — unless it only
 * passes that post on.
 */
export function keysOf(p: KeyInput | string, topics?: string[], brandWords?: ReadonlySet<string>): PostKeys {
  const input: KeyInput = typeof p === 'string' ? { text: p, topics: topics ?? [] } : p;
  const text = input.text;
  const keys: string[] = [];
  levelKeys(input, keys);
  const levels = keys.length;
  let echo = false;
  let words: string[];
  if (isRepost(text)) {
    words = termKeys(text.replace(REPOST_RE, ' '), input, keys, brandWords);
    echo = true;
  } else {
    const own = ownText(text);
    words = termKeys(own.text, input, keys, brandWords);
    if (own.quoted && words.length < 3) {
      keys.length = levels;
      words = termKeys(text, input, keys, brandWords);
      echo = true;
    }
  }
  return { keys, words, echo };
}

/** True for an explicit repost ("RT @user: ..."). */
export function isRepost(text: string): boolean {
  return REPOST_RE.test(text) && /^\s*rt\b|^\s*repost|^\s*retweet/i.test(text);
}

/** The words of a message for copy detection: lower case, no repost prefix, links or mentions. */
export function messageWords(text: string): string[] {
  const body = stripLinksAndMentions(text.replace(REPOST_RE, ' '));
  const out: string[] = [];
  for (const m of body.matchAll(/[#\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (HAN_RE.test(w)) for (const ch of w) out.push(ch);
    else out.push(w);
  }
  return out;
}
