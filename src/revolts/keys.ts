/**
 * The keys a post can share with others (pure): its rule topics, its hashtags, the links it
 * shares, and its content terms (words and word pairs), from which novel phrases are found.
 * Also the fingerprint that tells a repost or duplicate (reach) from a new voice.
 */

export type KeyKind = 'topic' | 'hashtag' | 'link' | 'phrase';

// Function words in the languages the classifier reads; they never make a phrase on their own.
const STOPWORDS = new Set(
  (
    'a an the and or but if so of to in on at by for from with about as into over after before than then this that these those ' +
    'is am are was were be been being do does did done have has had having will would can could should shall may might must ' +
    'i me my mine we us our you your yours he him his she her it its they them their what which who whom whose when where why how ' +
    'not no nor just very too also only still again ever even really all any some more most much many such own same other ' +
    'there here out up down off now get got getting im ive dont didnt doesnt cant wont isnt wasnt arent youre thats its ' +
    'rt via amp http https www com co via u ur pls please thanks thank hi hey lol omg yes ok okay one two today yesterday tomorrow ' +
    'nie jest się i w na z do że to jak ale po co czy tak dla od przez bardzo był była było są mnie mi'
  ).split(/\s+/),
);

const URL_RE = /https?:\/\/[^\s<>"')“”‘’]+/gi;
const MENTION_RE = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu;
const HASHTAG_RE = /(?:^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]{2,64})/gu;
const WORD_RE = /[\p{L}\p{N}']+/gu;
const HAN_RE = /\p{Script=Han}/u;
const DIGITS_RE = /^\d+$/;
const REPOST_RE = /^\s*(rt|repost(ed)?|retweet(ed)?)\b\s*@?[\p{L}\p{N}_]*:?/iu;
// Someone else's post quoted inside a post: "“@user: …”" (or straight quotes), or "… RT @user: …" to the end.
const QUOTE_RE = /[“"]\s*@[\p{L}\p{N}_]+:[^”"]*(?:[”"]|$)/gu;
const INNER_RT_RE = /(^|[^\p{L}\p{N}_])(?:rt|mt)\s+@[\p{L}\p{N}_]+[\s\S]*$/iu;

/** The author's own words: a quoted post is someone else's (its keys are not this voice's keys). */
const MAYBE_QUOTE_RE = /["“]\s*@|(?:^|[^\p{L}\p{N}_])[rm]t\s+@/iu;

export function ownText(text: string): { text: string; quoted: boolean } {
  if (!MAYBE_QUOTE_RE.test(text)) return { text, quoted: false };
  const own = text.replace(QUOTE_RE, ' ').replace(INNER_RT_RE, '$1 ');
  return { text: own, quoted: own.length !== text.length };
}

export function topicKey(id: string): string {
  return id;
}
export function kindOf(key: string): KeyKind {
  if (key.startsWith('#')) return 'hashtag';
  if (key.startsWith('link:')) return 'link';
  if (key.startsWith('phrase:')) return 'phrase';
  return 'topic';
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

/** Content words of a text: lower case, without links, mentions, hashtags' "#", numbers or stopwords. */
export function contentWords(text: string, extraStop?: ReadonlySet<string>): string[] {
  let cleaned = text.toLowerCase();
  if (cleaned.includes('http')) cleaned = cleaned.replace(URL_RE, ' ');
  if (cleaned.includes('@')) cleaned = cleaned.replace(MENTION_RE, ' ');
  const out: string[] = [];
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(cleaned); m !== null; m = WORD_RE.exec(cleaned)) {
    let w = m[0];
    if (w.includes("'")) w = w.replace(/^'+|'+$/g, '').replace(/'s$/, '').replace(/'/g, '');
    if (w.length < 3 && !HAN_RE.test(w)) continue;
    if (STOPWORDS.has(w) || extraStop?.has(w) || DIGITS_RE.test(w)) continue;
    out.push(w);
  }
  return out;
}

export interface PostKeys {
  keys: string[];
  /** Content words in order (the author's own), for the explanation's top terms. */
  words: string[];
  /**
   * The post only passes on another one: a repost ("RT @user: …") or a quote with fewer than two
   * words of its own. It is reach, not a voice; its keys are those of what it passes on.
   */
  echo: boolean;
}

function keysOfText(text: string, topics: string[], brandWords?: ReadonlySet<string>): { keys: string[]; words: string[] } {
  // may repeat a key (a word said twice): the model counts a post once per key
  const keys: string[] = [];
  for (const t of topics) keys.push(topicKey(t));
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
  const words = contentWords(body, brandWords);
  for (let i = 0; i < words.length; i++) {
    if (words[i].length >= 4) keys.push('phrase:' + words[i]);
    if (i + 1 < words.length && words[i] !== words[i + 1]) keys.push('phrase:' + words[i] + ' ' + words[i + 1]);
  }
  return { keys, words };
}

/**
 * Every key the post carries. Phrases are single content words and pairs of consecutive content
 * words ("lost my bag" and "lost the bag" both give "lost bag"); the detector decides which of
 * them are new and significant from each key's own history. Hashtags, links and phrases come from
 * the author's own words, not from a post it quotes — unless it only passes that post on.
 */
export function keysOf(text: string, topics: string[], brandWords?: ReadonlySet<string>): PostKeys {
  let r: { keys: string[]; words: string[] };
  let echo = false;
  if (isRepost(text)) {
    r = keysOfText(text.replace(REPOST_RE, ' '), topics, brandWords);
    echo = true;
  } else {
    const own = ownText(text);
    r = keysOfText(own.text, topics, brandWords);
    if (own.quoted && r.words.length < 2) {
      r = keysOfText(text, topics, brandWords);
      echo = true;
    }
  }
  return { keys: r.keys, words: r.words, echo };
}

/** True for an explicit repost ("RT @user: ..."). */
export function isRepost(text: string): boolean {
  return REPOST_RE.test(text) && /^\s*rt\b|^\s*repost|^\s*retweet/i.test(text);
}

/**
 * The fingerprint of a post's message: lower case, no repost prefix, links or mentions, words only.
 * Two posts with the same fingerprint say the same thing; the second one is reach, not a voice.
 * Very short texts ("this is terrible") coincide among real people, so they get no fingerprint.
 */
export function fingerprint(text: string): string | null {
  const body = text.replace(REPOST_RE, ' ').toLowerCase().replace(URL_RE, ' ').replace(MENTION_RE, ' ');
  const words = body.match(/[#\p{L}\p{N}]+/gu) ?? [];
  if (words.length < 4) return null;
  return words.join(' ').slice(0, 300);
}
