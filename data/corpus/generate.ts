/**
 * Builds the project's own labelled corpus (data/corpus/corpus-{en,pl,zh}.jsonl) from the
 * hand-written parts beside this file: sentences combined with openers, closers, brands, numbers
 * and escalation cues by a seeded generator, so `npm run train:default` is reproducible.
 * Every line it writes was written for Backlash; no third-party text is involved.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as EN from './parts-en.js';
import * as PL from './parts-pl.js';
import * as ZH from './parts-zh.js';

interface Rec {
  id: string;
  text: string;
  lang: 'en' | 'pl' | 'zh';
  sentiment: 'negative' | 'neutral' | 'positive';
  complaint: boolean;
  topic?: string;
}

function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20240611);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;
const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: keyof typeof EN.FILL) => pick(EN.FILL[k] ?? ['']));
const cap = (s: string) => (chance(0.5) ? s.charAt(0).toUpperCase() + s.slice(1) : s);

const out: Record<string, Rec[]> = { en: [], pl: [], zh: [] };
const seen = new Set<string>();
function add(r: Omit<Rec, 'id'>) {
  const text = r.text.replace(/\s+/g, ' ').trim();
  if (seen.has(text)) return;
  seen.add(text);
  const list = out[r.lang];
  list.push({ id: `corpus-${r.lang}-${list.length + 1}`, ...r, text });
}

// ---------- English
for (const [topic, sentences] of Object.entries(EN.COMPLAINTS)) {
  for (const s of sentences) {
    for (let k = 0; k < 4; k++) {
      const brand = chance(0.75) ? pick(EN.BRANDS) + ' ' : '';
      let text = brand + pick(EN.COMPLAINT_OPENERS) + fill(s) + pick(EN.COMPLAINT_CLOSERS);
      if (chance(0.12)) text += '. ' + pick(EN.ESCALATIONS);
      add({ text: cap(text), lang: 'en', sentiment: 'negative', complaint: true, topic });
    }
  }
}
for (const [topic, sentences] of Object.entries(EN.PRAISE)) {
  for (const s of sentences) {
    for (let k = 0; k < 4; k++) {
      const brand = chance(0.7) ? pick(EN.BRANDS) + ' ' : '';
      add({ text: cap(brand + pick(EN.PRAISE_OPENERS) + fill(s) + pick(EN.PRAISE_CLOSERS)), lang: 'en', sentiment: 'positive', complaint: false, topic });
    }
  }
}
for (const s of [...EN.QUESTIONS, ...EN.INFO]) {
  for (let k = 0; k < 4; k++) {
    const brand = chance(0.6) ? pick(EN.BRANDS) + ' ' : '';
    add({ text: cap(brand + fill(s) + fill(pick(EN.NEUTRAL_CLOSERS))), lang: 'en', sentiment: 'neutral', complaint: false });
  }
}
for (const sentiment of ['negative', 'neutral', 'positive'] as const) {
  for (const s of EN.GENERAL[sentiment]) {
    for (let k = 0; k < 3; k++) {
      const tail = sentiment === 'positive' ? pick(['', '!', ' 😊', ' ❤️', ' :)', ' #happy']) : sentiment === 'negative' ? pick(['', '.', ' :(', ' 😩', ' ugh', ' #fml']) : pick(['', '.', ' #news', ' http://t.co/x']);
      add({ text: cap(s + tail), lang: 'en', sentiment, complaint: false });
    }
  }
}
const GENERAL_TAILS = {
  positive: ['', '!', '!!', ' 😊', ' ❤️', ' :)', ' #happy', ' #blessed', ' lol', ' http://t.co/x', ' @friend', ' #tbt'],
  negative: ['', '.', ' :(', ' 😩', ' ugh', ' #fml', ' smh', ' http://t.co/x', ' #sad', '...'],
  neutral: ['', '.', ' #news', ' http://t.co/x', ' via @newsdesk', ' #update', ' (photo)', ' - report', ' @friend', ''],
} as const;
const GENERAL_OPENERS = ['', '', '', '', '@friend ', '@newsdesk ', 'RT @fan: ', 'so ', 'ok ', 'just heard: '];
for (const sentiment of ['negative', 'neutral', 'positive'] as const) {
  for (const s of EN.GENERAL_MORE[sentiment]) {
    for (let k = 0; k < 3; k++) add({ text: cap(pick(GENERAL_OPENERS) + s + pick(GENERAL_TAILS[sentiment])), lang: 'en', sentiment, complaint: false });
  }
}
for (const c of EN.CONTRAST) for (let k = 0; k < 4; k++) add({ text: cap((chance(0.6) ? pick(EN.BRANDS) + ' ' : '') + fill(c.text)), lang: 'en', sentiment: c.sentiment, complaint: c.complaint, topic: c.topic });
for (const c of EN.NEGATED) for (let k = 0; k < 3; k++) add({ text: cap((chance(0.6) ? pick(EN.BRANDS) + ' ' : '') + c.text + pick(['', '.', '!'])), lang: 'en', sentiment: c.sentiment, complaint: c.complaint });

// ---------- Polish
const plN = ['2', '3', '5', '10', '40'];
for (const [topic, sentences] of Object.entries(PL.COMPLAINTS)) {
  for (const s of sentences) {
    for (let k = 0; k < 4; k++) {
      const brand = chance(0.7) ? pick(PL.BRANDS) + ' ' : '';
      let text = brand + s.replace('{n}', pick(plN)) + pick(PL.COMPLAINT_CLOSERS);
      if (chance(0.12)) text += ', ' + pick(PL.ESCALATIONS);
      add({ text: cap(text), lang: 'pl', sentiment: 'negative', complaint: true, topic });
    }
  }
}
for (const sentiment of ['negative', 'neutral', 'positive'] as const) {
  const list = PL.REVIEWS[sentiment];
  for (const s of list) {
    add({ text: s + '.', lang: 'pl', sentiment, complaint: sentiment === 'negative' });
    for (let k = 0; k < 2; k++) add({ text: `${s}, ${pick(list).toLowerCase()}.`, lang: 'pl', sentiment, complaint: sentiment === 'negative' });
  }
}
for (const q of PL.QUESTIONS) for (let k = 0; k < 3; k++) add({ text: (chance(0.7) ? pick(PL.BRANDS) + ' ' : '') + q, lang: 'pl', sentiment: 'neutral', complaint: false });
for (const p of PL.PRAISE) for (let k = 0; k < 3; k++) add({ text: cap((chance(0.7) ? pick(PL.BRANDS) + ' ' : '') + p + pick(['', '!', ' 😊', '. Dziękuję'])), lang: 'pl', sentiment: 'positive', complaint: false });
for (const c of PL.CONTRAST) for (let k = 0; k < 3; k++) add({ text: c.text + pick(['', '.', '!']), lang: 'pl', sentiment: c.sentiment, complaint: c.complaint });

// ---------- Chinese
for (const [topic, sentences] of Object.entries(ZH.COMPLAINTS)) {
  for (const s of sentences) {
    for (let k = 0; k < 4; k++) {
      let text = s + pick(ZH.COMPLAINT_CLOSERS);
      if (chance(0.12)) text += '，' + pick(ZH.ESCALATIONS);
      add({ text, lang: 'zh', sentiment: 'negative', complaint: true, topic });
    }
  }
}
for (const sentiment of ['negative', 'positive'] as const) {
  const list = ZH.REVIEWS[sentiment];
  for (const s of list) {
    add({ text: s, lang: 'zh', sentiment, complaint: sentiment === 'negative' });
    for (let k = 0; k < 3; k++) add({ text: `${s}，${pick(list)}${pick(['', '。', '！', '~'])}`, lang: 'zh', sentiment, complaint: sentiment === 'negative' });
  }
}
for (const s of ZH.NEUTRAL) add({ text: s, lang: 'zh', sentiment: 'neutral', complaint: false });
for (const c of ZH.CONTRAST) for (let k = 0; k < 3; k++) add({ text: c.text + pick(['', '。', '！']), lang: 'zh', sentiment: c.sentiment, complaint: c.complaint });

// ---------- English notices (issue 16), last and on their own random stream so that adding them
// leaves every record above unchanged
{
  const r = rng(16);
  const pk = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const fillNotice = (s: string) =>
    s.replace(/\{(\w+)\}/g, (_, k: string) => pk(k === 'count' ? EN.NOTICE_COUNTS : k === 'day' ? EN.NOTICE_DAYS : (EN.FILL[k as keyof typeof EN.FILL] ?? [''])));
  for (const s of EN.NOTICES) {
    for (let k = 0; k < 3; k++) {
      const brand = r() < 0.5 ? pk(EN.BRANDS) + ' ' : '';
      const text = brand + fillNotice(s) + pk(['', '.', ' #news', ' http://t.co/x', ' - details inside', ' (update)']);
      add({ text: r() < 0.5 ? text.charAt(0).toUpperCase() + text.slice(1) : text, lang: 'en', sentiment: 'neutral', complaint: false });
    }
  }
}

const dir = dirname(fileURLToPath(import.meta.url));
for (const [lang, recs] of Object.entries(out)) {
  writeFileSync(join(dir, `corpus-${lang}.jsonl`), recs.map((r) => JSON.stringify(r)).join('\n') + '\n');
  process.stderr.write(`corpus-${lang}.jsonl: ${recs.length} posts\n`);
}
