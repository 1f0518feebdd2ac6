/**
 * Trains the learned escalation head (src/classify/cues/escalation-head.ts) on the project's own
 * escalation corpus, data/corpus/escalation-{en,pl,zh}.jsonl (regenerated first from
 * data/corpus/escalation-parts.ts), and writes data/model/escalation.json.
 *
 * One logistic regression per language and cue type over the head's features (words, word pairs,
 * and the cue rules' and context judge's verdicts, computed with the
 * shipped rules/ and default model), class-weighted, L2-regularised, fitted by AdaGrad.
 * data/eval is not read here. The per-type thresholds (`perType`) are chosen by a grouped
 * cross-validation over the corpus (scripts/cv-escalation.ts): the dev half of data/eval cannot
 * choose them, the cue rules having been tuned on it until every setting scores the same there.
 *   npx tsx scripts/train-escalation.ts [--threshold 0.8] [--keep 0] [--no-per-type] [--drop c:,b:]
 *       [--add-from 0.7] [--out data/model/escalation.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEscalationCorpus } from '../data/corpus/escalation-generate.js';
import type { EscalationHeadJson } from '../src/classify/cues/escalation-head.js';
import { PROJECT_ROOT } from '../src/entry/project-root.js';
import { escalationRows, HP, trainLang } from './escalation-train-lib.js';

export { escalationRows, HP, trainLang };

process.env.DOTENV_CONFIG_QUIET ??= 'true';
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
// the language's defaults (a type without a perType entry): add a type the rules missed at p >= 0.8,
// keep every rule hit (keep 0)
const THRESHOLD = Number(arg('threshold', '0.8'));
const KEEP = Number(arg('keep', '0'));
const PER_TYPE = !process.argv.includes('--no-per-type');
if (process.argv.includes('--drop')) HP.drop = arg('drop', '').split(',').filter(Boolean);
if (process.argv.includes('--prune')) HP.prune = Number(arg('prune', '0.02'));
const OUT = arg('out', join(PROJECT_ROOT, 'data/model/escalation.json'));
if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const corpus = generateEscalationCorpus();
  // per-type thresholds chosen by a grouped cross-validation over the corpus (scripts/cv-escalation.ts)
  const perType = PER_TYPE ? (await import('./cv-escalation.js')).chooseThresholds() : null;
  if (perType) console.error(perType.report.join('\n'));
  const json: EscalationHeadJson = { kind: 'backlash-escalation-head', version: '', langs: {}, meta: {} };
  for (const lang of ['en', 'pl', 'zh'] as const) {
    const recs = corpus[lang];
    // the shipped corpus file must be what the parts generate (npx tsx data/corpus/escalation-generate.ts)
    const file = readFileSync(join(PROJECT_ROOT, `data/corpus/escalation-${lang}.jsonl`), 'utf8');
    if (file !== recs.map((r) => JSON.stringify(r)).join('\n') + '\n') throw new Error(`data/corpus/escalation-${lang}.jsonl is stale: run npx tsx data/corpus/escalation-generate.ts`);
    const t0 = performance.now();
    const head = trainLang(escalationRows(recs));
    json.langs[lang] = { ...head, threshold: THRESHOLD, keep: KEEP };
    if (perType) json.langs[lang].perType = Object.fromEntries(Object.entries(perType.chosen[lang]).map(([t, c]) => [t, { threshold: c.add, keep: c.keep }]));
    (json.meta as Record<string, unknown>)[lang] = { posts: recs.length, withCue: recs.filter((r) => r.escalation.length).length, features: Object.keys(head.weights).length };
    console.error(`${lang}: ${recs.length} posts, ${Object.keys(head.weights).length} features kept, ${Math.round(performance.now() - t0)} ms`);
  }
  json.meta = { ...json.meta, trainedOn: 'data/corpus/escalation-{en,pl,zh}.jsonl', epochs: HP.epochs, l2: HP.l2, threshold: THRESHOLD, keep: KEEP, perType: perType ? 'grouped 5-fold cross-validation over the corpus (scripts/cv-escalation.ts)' : 'none' };
  let h = 0;
  const body = JSON.stringify(json.langs);
  for (let i = 0; i < body.length; i++) h = (Math.imul(h, 31) + body.charCodeAt(i)) | 0;
  json.version = (h >>> 0).toString(16).padStart(8, '0');
  writeFileSync(OUT, JSON.stringify(json) + '\n');
  console.error(`wrote ${OUT} (${JSON.stringify(json).length} bytes), version ${json.version}`);
}
