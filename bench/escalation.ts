/**
 * Escalation cues on the project's own hand-written posts (data/eval/escalation-{en,pl,zh}.jsonl,
 * about half of them look-alike negatives), never trained on: precision and recall per cue type
 * and per language, ours (rules/ as shipped: cue words, regulators, context judgement, and the
 * learned escalation head data/model/escalation.json), the same without the head, and the
 * plain rule-word baseline (the cue words of rules/escalation.yaml as they stood before issue 19,
 * bench/fixtures/escalation-words-before-19.yaml, matched with no judgement) in the same run.
 *   npm run bench:escalation                 the test half (the figures to report)
 *   npm run bench:escalation -- --dev        the dev half (the only half rules are tuned on)
 *   npm run bench:escalation -- --dev --errors   list the dev half's misses and false alarms
 *   ... -- --no-speed                        skip the speed section
 * Then the cost: in-process classification speed on 3,000 mixed public posts (../shared/datasets),
 * ours against the same rules without the judge, the regulators and the shapes (interleaved rounds,
 * best of each: the machine is shared).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../src/entry/classifier-files.js';
import type { BacklashClassifier } from '../src/classify/classifier.js';

process.env.DOTENV_CONFIG_QUIET ??= 'true';
const SPLIT = process.argv.includes('--dev') ? 'dev' : 'test';
const ERRORS = process.argv.includes('--errors');
const EVAL = new URL('../data/eval/', import.meta.url).pathname;
const BASELINE_FILE = new URL('./fixtures/escalation-words-before-19.yaml', import.meta.url).pathname;

interface Post { id: string; text: string; lang: string; escalation: string[]; split: 'dev' | 'test' }
const read = (lang: string): Post[] =>
  readFileSync(join(EVAL, `escalation-${lang}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Post).filter((p) => p.split === SPLIT);

// the baseline: the same rules directory with the old escalation words and no regulators file
const tmp = mkdtempSync(join(tmpdir(), 'backlash-esc-'));
cpSync(DEFAULT_RULES_DIR, tmp, { recursive: true });
rmSync(join(tmp, 'regulators.yaml'), { force: true });
writeFileSync(join(tmp, 'escalation.yaml'), readFileSync(BASELINE_FILE, 'utf8'));
const baseline = buildClassifier(tmp, DEFAULT_MODEL_PATH, null);
rmSync(join(tmp, 'sentiment/shapes.yaml'), { force: true });
const plain = buildClassifier(tmp, DEFAULT_MODEL_PATH, null);
rmSync(tmp, { recursive: true, force: true });
const ours = buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH);
// the same rules and model without the learned escalation head (data/model/escalation.json)
const rulesOnly = buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH, null);

interface Counts { tp: number; fp: number; fn: number }
const pr = (c: Counts) => ({ p: c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1, r: c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1 });
const cell = (c: Counts) => {
  const { p, r } = pr(c);
  return `${p.toFixed(3)} / ${r.toFixed(3)}`;
};

function score(clf: BacklashClassifier, posts: Post[]) {
  const byType = new Map<string, Counts>();
  const all: Counts = { tp: 0, fp: 0, fn: 0 };
  const errors: string[] = [];
  const get = (t: string) => byType.get(t) ?? (byType.set(t, { tp: 0, fp: 0, fn: 0 }), byType.get(t)!);
  for (const p of posts) {
    const v = clf.classify(p.text, p.lang);
    const got = new Set(v.escalation.map((e) => e.id));
    const want = new Set(p.escalation);
    for (const t of got) {
      const c = get(t);
      if (want.has(t)) (c.tp++, all.tp++);
      else (c.fp++, all.fp++);
    }
    for (const t of want) if (!got.has(t)) (get(t).fn++, all.fn++);
    const extra = [...got].filter((t) => !want.has(t));
    const missed = [...want].filter((t) => !got.has(t));
    if (extra.length || missed.length) errors.push(`${p.id}: ${missed.length ? `missed ${missed.join(',')}` : ''}${extra.length ? ` false ${extra.map((t) => `${t} ("${v.escalation.find((e) => e.id === t)?.cue}")`).join(',')}` : ''} | ${p.text}`);
  }
  return { byType, all, errors };
}

const line = (cells: (string | number)[], widths: number[]) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' ');
const W = [6, 11, 6, 20, 20, 20];
console.log(`== Escalation cues, ${SPLIT} half of data/eval/escalation-*.jsonl — precision / recall per (post, cue type)`);
console.log(`ours: rules + judge + learned head (${ours.version}); judged rules: the same without the head; rule words: before issue 19, no judgement (${baseline.version})`);
const floors: string[] = [];
for (const lang of ['en', 'pl', 'zh']) {
  const posts = read(lang);
  const o = score(ours, posts);
  const b = score(baseline, posts);
  const r0 = score(rulesOnly, posts);
  const negatives = posts.filter((p) => p.escalation.length === 0).length;
  console.log(`\n-- ${lang}: ${posts.length} posts (${negatives} with no cue)`);
  console.log(line(['lang', 'cue type', 'gold', 'ours P / R', 'judged rules P / R', 'rule words P / R'], W));
  const types = [...new Set([...o.byType.keys(), ...b.byType.keys()])].sort();
  for (const t of types) {
    const oc = o.byType.get(t) ?? { tp: 0, fp: 0, fn: 0 };
    const bc = b.byType.get(t) ?? { tp: 0, fp: 0, fn: 0 };
    const rc = r0.byType.get(t) ?? { tp: 0, fp: 0, fn: 0 };
    console.log(line([lang, t, oc.tp + oc.fn, cell(oc), cell(rc), cell(bc)], W));
  }
  console.log(line([lang, 'all', o.all.tp + o.all.fn, cell(o.all), cell(r0.all), cell(b.all)], W));
  const { p, r } = pr(o.all);
  floors.push(`${lang}: precision ${p.toFixed(3)} (floor 0.85 ${p >= 0.85 ? 'ok' : 'BELOW'}), recall ${r.toFixed(3)} (floor 0.80 ${r >= 0.8 ? 'ok' : 'BELOW'})`);
  if (ERRORS) for (const e of o.errors) console.log('  ' + e);
}
console.log('\n' + floors.join('\n'));

const DATA = new URL('../../shared/datasets/', import.meta.url).pathname;
if (existsSync(DATA) && !process.argv.includes('--no-speed')) {
  const sets = ['en_airline_tweets', 'en_tweeteval_val', 'zh_waimai_reviews', 'zh_hotel_reviews', 'pl_medicine_reviews', 'en_complaint_tweets'];
  const pool = sets.flatMap((f) => readFileSync(join(DATA, f + '.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text));
  const sample = Array.from({ length: 3000 }, (_, i) => pool[(i * 7919) % pool.length]);
  const best = { ours: 0, rulesOnly: 0, plain: 0 };
  for (const clf of [ours, rulesOnly, plain]) for (let pass = 0; pass < 2; pass++) for (const t of sample) clf.classify(t);
  for (let round = 0; round < 8; round++) {
    for (const [name, clf] of [['ours', ours], ['rulesOnly', rulesOnly], ['plain', plain]] as const) {
      const t0 = performance.now();
      for (const t of sample) clf.classify(t);
      best[name] = Math.max(best[name], sample.length / ((performance.now() - t0) / 1000));
    }
  }
  console.log(`\n== Speed, in-process classify of 3,000 mixed public posts (no lang given), best of 8 interleaved rounds`);
  console.log(`ours (judge, regulators, shapes, learned head): ${Math.round(best.ours)} posts/s; without the head: ${Math.round(best.rulesOnly)} posts/s; the same rules with the old cue words and no judge, regulators or shapes: ${Math.round(best.plain)} posts/s; floor 20000: ${best.ours >= 20000 ? 'ok' : 'BELOW'}`);
}
