/** Complaint cues, topics and escalation cues: phrase matches over stems (en, pl) or characters (zh). */
import type { CompiledRules, CueRef, LangRules, PhraseEntry } from '../rules/compile.js';
import { matchAt } from '../lexicon/score.js';
import type { Unit } from '../tokenize/unit.js';

/** a complaint cue group counts at most this many matched phrases */
const MAX_PER_CUE = 3;

export interface CueMatches {
  complaint: { id: string; weight: number; phrase: string }[];
  topics: Map<string, string[]>;
  escalation: { id: string; cue: string }[];
}

export function matchCues(units: Unit[], text: string, lang: string, rules: CompiledRules): CueMatches {
  const out: CueMatches = { complaint: [], topics: new Map(), escalation: [] };
  const r = rules.langs.get(lang);
  if (!r) return out;
  // most posts match no cue or a few: the bookkeeping is made on the first match
  let seen: Set<string> | null = null;
  let perId: Map<string, number> | null = null;
  const add = (ref: CueRef, k: string) => {
    // phrases that stem alike ("love", "loving", "lovely") are one piece of evidence: k is the
    // same for them (kind, id and stems), computed once per rule entry
    seen ??= new Set();
    if (seen.has(k)) return;
    seen.add(k);
    if (ref.kind === 'complaint') {
      perId ??= new Map();
      const n = (perId.get(ref.id) ?? 0) + 1;
      perId.set(ref.id, n);
      if (n > MAX_PER_CUE) return;
    }
    if (ref.kind === 'complaint') out.complaint.push({ id: ref.id, weight: ref.weight, phrase: ref.phrase });
    else if (ref.kind === 'topic') {
      const list = out.topics.get(ref.id);
      if (list) list.push(ref.phrase);
      else out.topics.set(ref.id, [ref.phrase]);
    } else if (!out.escalation.some((e) => e.id === ref.id)) out.escalation.push({ id: ref.id, cue: ref.phrase });
  };
  if (r.charCues.size > 0) matchChars(text.toLowerCase(), r, add);
  if (r.cues.size > 0) {
    for (let i = 0; i < units.length; i++) {
      const u = units[i];
      if (u.kind === 'p') continue;
      const cands = r.cues.get(u.key);
      if (!cands) continue;
      for (const c of cands) if (matchAt(units, i, c.keys)) add(c.payload, dedupeKey(c));
    }
  }
  return out;
}

type CharCue = { phrase: string; ref: CueRef; dedupe?: string };
const BY_CODE = new WeakMap<LangRules, Map<number, CharCue[]>>();

function matchChars(text: string, r: LangRules, add: (ref: CueRef, k: string) => void): void {
  let byCode = BY_CODE.get(r);
  if (!byCode) {
    byCode = new Map();
    for (const [ch, list] of r.charCues) byCode.set(ch.charCodeAt(0), list);
    BY_CODE.set(r, byCode);
  }
  for (let i = 0; i < text.length; i++) {
    const list = byCode.get(text.charCodeAt(i));
    if (!list) continue;
    for (const c of list as CharCue[]) if (text.startsWith(c.phrase, i)) add(c.ref, (c.dedupe ??= c.ref.kind + ':' + c.ref.id + ':' + c.ref.phrase));
  }
}

function dedupeKey(c: PhraseEntry<CueRef> & { dedupe?: string }): string {
  return (c.dedupe ??= c.payload.kind + ':' + c.payload.id + ':' + c.keys.join(' '));
}
