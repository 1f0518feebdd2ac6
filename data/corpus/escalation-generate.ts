/**
 * Builds the escalation corpus (data/corpus/escalation-{en,pl,zh}.jsonl) from the hand-written
 * parts in escalation-parts.ts and the complaint sentences of parts-*.ts, with a seeded generator:
 * a cue clause inside a complaint (before or after it, with or without a brand handle, sometimes two
 * cue types in one post), look-alikes alone or after a complaint, plain complaints and chatter.
 * Each line: {"id", "text", "lang", "escalation": [cue type ids]}. Every line was written for
 * Backlash; data/eval is never read.
 *   npx tsx data/corpus/escalation-generate.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ENC from './parts-en.js';
import * as PLC from './parts-pl.js';
import * as ZHC from './parts-zh.js';
import { EN, PL, ZH, type CueType, type EscalationParts } from './escalation-parts.js';
import { BORROWED } from './escalation-parts-4.js';

export interface EscalationRecord {
  id: string;
  text: string;
  lang: 'en' | 'pl' | 'zh';
  escalation: CueType[];
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

const NUMS = ['2', '3', '5', '10', '12', '45', 'two', 'three'];

/**
 * `groups`, when given, receives each record's source phrasing (the cue clause, look-alike, plain
 * post or complaint it was built around), so that a cross-validation can hold out whole phrasings.
 */
export function generateEscalationCorpus(seed = 19_2026, groups?: Map<EscalationRecord, string>): Record<'en' | 'pl' | 'zh', EscalationRecord[]> {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const chance = (p: number) => rand() < p;
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => (k === 'n' ? pick(NUMS) : pick((ENC.FILL as Record<string, string[]>)[k] ?? [''])));
  const out: Record<'en' | 'pl' | 'zh', EscalationRecord[]> = { en: [], pl: [], zh: [] };
  const seen = new Set<string>();
  const add = (lang: 'en' | 'pl' | 'zh', text: string, escalation: CueType[], group = text) => {
    text = text.replace(/\s+/g, ' ').trim();
    if (seen.has(text)) return;
    seen.add(text);
    const rec: EscalationRecord = { id: `esc-corpus-${lang}-${out[lang].length + 1}`, text, lang, escalation: [...new Set(escalation)].sort() };
    out[lang].push(rec);
    groups?.set(rec, group);
  };

  // ordinary posts of the sentiment corpus's parts (praise, questions, news, chatter, reviews): no
  // cue, unless BORROWED (escalation-parts-4.ts) labels one by hand or leaves it out as unclear
  const usable = (xs: string[], lang: 'en' | 'pl' | 'zh') => xs.filter((x) => BORROWED[lang][x] !== null);
  const cuesOf = (lang: 'en' | 'pl' | 'zh', x: string): CueType[] => BORROWED[lang][x] ?? [];
  const ordinary0 = {
    en: [...Object.values(ENC.PRAISE).flat(), ...ENC.QUESTIONS, ...ENC.INFO, ...Object.values(ENC.GENERAL).flat(), ...Object.values(ENC.GENERAL_MORE).flat(), ...ENC.CONTRAST.map((c) => c.text), ...ENC.NEGATED.map((c) => c.text)],
    pl: [...Object.values(PLC.REVIEWS).flat(), ...PLC.QUESTIONS, ...PLC.PRAISE, ...PLC.CONTRAST.map((c) => c.text)],
    zh: [...Object.values(ZHC.REVIEWS).flat(), ...ZHC.NEUTRAL, ...ZHC.CONTRAST.map((c) => c.text)],
  };
  const ordinary = { en: usable(ordinary0.en, 'en'), pl: usable(ordinary0.pl, 'pl'), zh: usable(ordinary0.zh, 'zh') };
  const langs: { lang: 'en' | 'pl' | 'zh'; parts: EscalationParts; complaints: string[]; brands: string[]; sep: string[]; end: string[]; variants: number }[] = [
    { lang: 'en', parts: EN, complaints: usable(Object.values(ENC.COMPLAINTS).flat(), 'en'), brands: ENC.BRANDS, sep: ['. ', '. ', ', ', ' - ', '!! ', '... '], end: ['', '', '.', '!', ' 😡', ' 🤬'], variants: 4 },
    { lang: 'pl', parts: PL, complaints: usable(Object.values(PLC.COMPLAINTS).flat(), 'pl'), brands: PLC.BRANDS, sep: ['. ', '. ', ', ', ' - ', '! '], end: ['', '', '.', '!', ' 😡'], variants: 5 },
    { lang: 'zh', parts: ZH, complaints: usable(Object.values(ZHC.COMPLAINTS).flat(), 'zh'), brands: ['@某某航空', '@快递小哥', '@外卖平台', '@XX银行', ''], sep: ['，', '。', '！', '，'], end: ['', '。', '！', '😡'], variants: 5 },
  ];
  for (const { lang, parts, complaints, brands, sep, end, variants } of langs) {
    const cap = (s: string) => (lang !== 'zh' && chance(0.5) ? s.charAt(0).toUpperCase() + s.slice(1) : s);
    const brand = () => (chance(0.5) ? pick(brands) + ' ' : '');
    const types = Object.keys(parts.cues) as CueType[];
    for (const type of types) {
      for (const cue of parts.cues[type]) {
        for (let k = 0; k < variants; k++) {
          const labels: CueType[] = [type];
          let clause = cue;
          if (chance(0.12)) {
            const other = pick(types.filter((t) => t !== type));
            clause += pick(sep) + pick(parts.cues[other]);
            labels.push(other);
          }
          const r = rand();
          let text: string;
          const c = pick(complaints);
          if (k === 0 || r < 0.2) text = brand() + cap(clause);
          else if (r < 0.7) (text = brand() + cap(fill(c)) + pick(sep) + clause), labels.push(...cuesOf(lang, c));
          else (text = brand() + cap(clause) + pick(sep) + fill(c)), labels.push(...cuesOf(lang, c));
          add(lang, text + pick(end), labels, cue);
        }
      }
    }
    for (const s of parts.lookalikes) {
      add(lang, cap(s), [], s);
      add(lang, brand() + cap(s), [], s);
      const c = pick(complaints);
      if (chance(0.5)) add(lang, brand() + cap(fill(c)) + pick(sep) + s, cuesOf(lang, c), s);
    }
    for (const s of parts.plain) add(lang, brand() + cap(s), []);
    for (const s of complaints) add(lang, brand() + cap(fill(s)) + pick(end), cuesOf(lang, s));
    for (const s of ordinary[lang]) add(lang, cap(fill(s)), cuesOf(lang, s));
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = dirname(fileURLToPath(import.meta.url));
  const out = generateEscalationCorpus();
  for (const [lang, recs] of Object.entries(out)) {
    writeFileSync(join(dir, `escalation-${lang}.jsonl`), recs.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const pos = recs.filter((r) => r.escalation.length).length;
    console.error(`escalation-${lang}.jsonl: ${recs.length} posts (${pos} with a cue, ${recs.length - pos} without)`);
  }
}
