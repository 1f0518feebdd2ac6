/**
 * Polish lemmas in the full pipeline, with and without, in the same run: the lemma table is
 * generated from hunspell-pl (scripts/gen-pl-lemmas.ts, needs `apt-get install hunspell-pl
 * hunspell-tools`) into a temporary file; for each Polish key function the default model is
 * retrained in-process on data/corpus exactly as `npm run train:default` does (sentiment and topic
 * heads, no base, no tuning), and sentiment macro-F1 is measured on the public Polish set
 * (../shared/datasets/pl_medicine_reviews.jsonl) and on data/eval/pl.jsonl, with the rules alone beside.
 *   npx tsx bench/pl-lemmas.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClassifier } from '../src/classify/classifier.js';
import { evaluate } from '../src/classify/metrics.js';
import { compileRules, KEY_FNS } from '../src/classify/rules/compile.js';
import { loadRuleSet } from '../src/entry/rule-files.js';
import { parseLemmaTable, polishLemmaKey } from '../src/classify/tokenize/lemma-pl.js';
import { normalisePolish } from '../src/classify/tokenize/normalise-pl.js';
import { trainModel, type TrainingRecord } from '../src/classify/train.js';
import { DEFAULT_RULES_DIR } from '../src/entry/classifier-files.js';
import { PROJECT_ROOT } from '../src/entry/project-root.js';

process.env.DOTENV_CONFIG_QUIET ??= 'true';
const DATA = join(PROJECT_ROOT, '../shared/datasets/pl_medicine_reviews.jsonl');
if (!existsSync(DATA) || !existsSync('/usr/share/hunspell/pl_PL.dic')) {
  console.log('needs ../shared/datasets and hunspell-pl + hunspell-tools: nothing to measure');
  process.exit(0);
}
const tmp = mkdtempSync(join(tmpdir(), 'pl-lemmas-'));
const file = join(tmp, 'pl-lemmas.generated.ts');
execFileSync('npx', ['tsx', join(PROJECT_ROOT, 'scripts/gen-pl-lemmas.ts'), '--out', file], { stdio: 'inherit' });
const { PL_LEMMAS } = (await import(pathToFileURL(file).href)) as { PL_LEMMAS: string };
rmSync(tmp, { recursive: true, force: true });
const table = parseLemmaTable(PL_LEMMAS);

const rd = (f: string) => readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TrainingRecord & { sentiment?: string });
const corpus = ['en', 'pl', 'zh'].flatMap((l) => rd(join(PROJECT_ROOT, `data/corpus/corpus-${l}.jsonl`)));
const sets = { pl_medicine_reviews: rd(DATA).filter((r) => r.sentiment), 'data/eval/pl.jsonl': rd(join(PROJECT_ROOT, 'data/eval/pl.jsonl')) };
console.log(`lemma table: ${table.size} forms; e.g. ${['polecała', 'lekarzowi', 'niemiłego'].map((w) => `${w} → ${table.get(w)}`).join(', ')}`);
console.log('Polish key            set                     model+rules  rules only');
for (const [name, fn] of [['normaliser only', normalisePolish], ['lemmas + normaliser', polishLemmaKey(table)]] as const) {
  KEY_FNS.pl = fn;
  const rules = compileRules(loadRuleSet(DEFAULT_RULES_DIR));
  const model = trainModel(corpus, rules, { heads: ['sentiment', 'topic'], base: null, tune: false });
  const clf = createClassifier(rules, model);
  const rulesOnly = createClassifier(rules, null);
  for (const [set, rows] of Object.entries(sets)) {
    const gold = rows.map((r) => r.sentiment!);
    const m = evaluate(gold, rows.map((r) => clf.classify(r.text, 'pl').sentiment.label)).macroF1;
    const ro = evaluate(gold, rows.map((r) => rulesOnly.classify(r.text, 'pl').sentiment.label)).macroF1;
    console.log(`${name.padEnd(21)} ${set.padEnd(23)} ${m.toFixed(3).padEnd(12)} ${ro.toFixed(3)}`);
  }
}
KEY_FNS.pl = normalisePolish;
