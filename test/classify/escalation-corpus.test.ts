import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateEscalationCorpus } from '../../data/corpus/escalation-generate.js';
import { EN, PL, ZH } from '../../data/corpus/escalation-parts.js';
import { PROJECT_ROOT } from '../../src/entry/project-root.js';

const lines = (f: string) => readFileSync(join(PROJECT_ROOT, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string });
const norm = (t: string) => t.toLowerCase().replace(/’/g, "'").replace(/[.,!?;:"“”„]/g, ' ');
/** runs of 6 words (en, pl) or 8 characters (zh): a shared run means a copied phrase, not a shared word */
const runs = (t: string, lang: string): string[] => {
  if (lang === 'zh') return Array.from({ length: Math.max(0, t.length - 7) }, (_, i) => t.toLowerCase().slice(i, i + 8));
  const w = norm(t).split(/\s+/).filter(Boolean);
  return w.slice(0, Math.max(0, w.length - 5)).map((_, i) => w.slice(i, i + 6).join(' '));
};

describe('the escalation corpus the learned head trains on', () => {
  const generated = generateEscalationCorpus();
  it.each(['en', 'pl', 'zh'] as const)('%s: the shipped file is what the parts generate', (lang) => {
    expect(lines(`data/corpus/escalation-${lang}.jsonl`)).toEqual(generated[lang]);
  });

  // its own phrasings (escalation-parts.ts); the complaint sentences it borrows from the older
  // sentiment corpus, and the joins between them, are ordinary complaints ("charged twice")
  it.each(['en', 'pl', 'zh'] as const)('%s: its own phrasings share no phrase with the evaluation set it is measured on', (lang) => {
    const parts = { en: EN, pl: PL, zh: ZH }[lang];
    const own = [...Object.values(parts.cues).flat(), ...parts.lookalikes, ...parts.plain];
    const corpus = new Set(own.flatMap((c) => runs(c, lang)));
    const shared = lines(`data/eval/escalation-${lang}.jsonl`).filter((p) => runs(p.text, lang).some((r) => corpus.has(r)));
    expect(shared.map((p) => p.text)).toEqual([]);
  });
});
