/**
 * Shows the learned escalation head's two thresholds on the DEV half of data/eval/escalation-*.jsonl
 * only (the test half is never read here); the shipped ones are chosen by scripts/cv-escalation.ts,
 * as every setting scores alike on this half. With --alone, the head alone (no rule inputs), which
 * the rules cannot flatter; --errors lists its misses and false alarms; --drop c: leaves out a
 * feature kind. Also: `keep` (a rule hit is kept unless the head's probability
 * is below it) and `threshold` (a type the rules missed is added at or above it). Prints precision /
 * recall per language for a grid, for the head as trained by scripts/train-escalation.ts with the
 * given hyper-parameters. Caveat printed with the figures: the cue rules themselves were tuned on
 * this half, so it flatters the rules and cannot show the head correcting their false alarms.
 *   npx tsx scripts/tune-escalation.ts [--l2 1e-3] [--pos 3] [--min 1] [--epochs 60]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEscalationCorpus } from '../data/corpus/escalation-generate.js';
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../src/entry/classifier-files.js';
import { createClassifier } from '../src/classify/classifier.js';
import { escalationHeadFromJson, type EscalationHeadJson } from '../src/classify/cues/escalation-head.js';
import { PROJECT_ROOT } from '../src/entry/project-root.js';
import { escalationRows, HP, trainLang } from './train-escalation.js';

process.env.DOTENV_CONFIG_QUIET ??= 'true';
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
HP.l2 = arg('l2', HP.l2);
HP.maxPosWeight = arg('pos', HP.maxPosWeight);
HP.minCount = arg('min', HP.minCount);
HP.epochs = arg('epochs', HP.epochs);
if (process.argv.includes('--drop')) HP.drop = process.argv[process.argv.indexOf('--drop') + 1].split(',');

const corpus = generateEscalationCorpus();
const langs = ['en', 'pl', 'zh'] as const;
const json: EscalationHeadJson = { kind: 'backlash-escalation-head', version: 'tune', langs: {} };
for (const lang of langs) json.langs[lang] = { ...trainLang(escalationRows(corpus[lang])), threshold: 0.5 };
const base = buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH, null);

interface Post { text: string; lang: string; escalation: string[]; split: string }
const dev = Object.fromEntries(
  langs.map((l) => [l, readFileSync(join(PROJECT_ROOT, `data/eval/escalation-${l}.jsonl`), 'utf8').trim().split('\n').map((x) => JSON.parse(x) as Post).filter((p) => p.split === 'dev')]),
) as Record<string, Post[]>;

// the head alone (trained and scored without the rules' verdicts) on the dev half: how well the
// learned part generalises by itself, which the rules' saturation of this half cannot hide
{
  console.log('head alone (no rule inputs), dev half, p >= 0.5: precision / recall per cue type');
  for (const lang of langs) {
    const alone = trainLang(escalationRows(corpus[lang], false));
    const rows = escalationRows(dev[lang], false);
    const cells: string[] = [];
    if (process.argv.includes('--errors'))
      rows.forEach((r, i) => {
        const got = alone.types.filter((_, t) => alone.bias[t] + r.feats.reduce((z, f) => z + (alone.weights[f]?.[t] ?? 0), 0) >= 0);
        const missed = [...r.labels].filter((t) => !got.includes(t));
        const extra = got.filter((t) => !r.labels.has(t));
        if (missed.length || extra.length) console.log(`    ${missed.length ? 'missed ' + missed.join(',') : ''}${extra.length ? ' false ' + extra.join(',') : ''} | ${dev[lang][i].text}`);
      });
    let TP = 0, FP = 0, FN = 0;
    alone.types.forEach((type, t) => {
      let tp = 0, fp = 0, fn = 0;
      for (const r of rows) {
        let z = alone.bias[t];
        for (const f of r.feats) z += alone.weights[f]?.[t] ?? 0;
        const got = z >= 0, want = r.labels.has(type);
        if (got && want) tp++;
        else if (got) fp++;
        else if (want) fn++;
      }
      TP += tp; FP += fp; FN += fn;
      cells.push(`${type} ${(tp / (tp + fp || 1)).toFixed(2)}/${(tp / (tp + fn || 1)).toFixed(2)}`);
    });
    console.log(`  ${lang}: all ${(TP / (TP + FP || 1)).toFixed(3)}/${(TP / (TP + FN || 1)).toFixed(3)} — ${cells.join(', ')}`);
  }
  if (process.argv.includes('--alone')) process.exit(0);
}
console.log(`hyper-parameters ${JSON.stringify(HP)}; dev half only (the rules were tuned on it too: it flatters keeping rule hits)`);
const KEEP = [0, 0.05, 0.1, 0.2, 0.3, 0.5];
const ADD = [0.5, 0.7, 0.8, 0.9, 0.95, 1.01];
for (const lang of langs) {
  console.log(`\n${lang}: rows keep, columns add — P/R`);
  console.log('keep\\add ' + ADD.map((a) => String(a).padEnd(12)).join(''));
  for (const keep of KEEP) {
    const cells: string[] = [];
    for (const add of ADD) {
      for (const l of langs) Object.assign(json.langs[l], { threshold: add, keep });
      const clf = createClassifier(base.rules, base.model, escalationHeadFromJson(json));
      let tp = 0, fp = 0, fn = 0;
      for (const p of dev[lang]) {
        const got = new Set(clf.classify(p.text, p.lang).escalation.map((e) => e.id));
        for (const t of got) (p.escalation.includes(t) ? tp++ : fp++);
        for (const t of p.escalation) if (!got.has(t)) fn++;
      }
      cells.push(`${(tp / (tp + fp || 1)).toFixed(2)}/${(tp / (tp + fn || 1)).toFixed(2)}`.padEnd(12));
    }
    console.log(String(keep).padEnd(9) + cells.join(''));
  }
}
