/**
 * Sentiment on the shapes of real speech (rules/sentiment/shapes.yaml: sarcasm markers, balanced
 * phrases), on the public dev sets in ../shared/datasets (read at run time, never copied):
 * macro-F1 without the shapes file and with it, beside VADER, in the same run; then, per shape,
 * how many posts it changed and how many of those changes agree with the human label.
 *   npm run bench:shapes
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../src/entry/classifier-files.js';
import { evaluate } from '../src/classify/metrics.js';

process.env.DOTENV_CONFIG_QUIET ??= 'true';
const require = createRequire(import.meta.url);
const DATA = new URL('../../shared/datasets/', import.meta.url).pathname;
if (!existsSync(DATA)) {
  console.log(`datasets not found at ${DATA}: nothing to measure`);
  process.exit(0);
}
interface Row { text: string; lang: string; sentiment?: string }
const read = (f: string): Row[] => readFileSync(join(DATA, f + '.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Row).filter((r) => r.sentiment);
const vader = require('vader-sentiment').SentimentIntensityAnalyzer as { polarity_scores(t: string): { compound: number } };
const vaderLabel = (t: string) => {
  const c = vader.polarity_scores(t).compound;
  return c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral';
};

const tmp = mkdtempSync(join(tmpdir(), 'backlash-shapes-'));
cpSync(DEFAULT_RULES_DIR, tmp, { recursive: true });
rmSync(join(tmp, 'sentiment/shapes.yaml'), { force: true });
const without = buildClassifier(tmp, DEFAULT_MODEL_PATH);
rmSync(tmp, { recursive: true, force: true });
const ours = buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH);

const f3 = (x: number) => x.toFixed(3);
const line = (cells: (string | number)[], widths: number[]) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' ');
const W = [22, 15, 12, 9, 8];
console.log('== Sentiment macro-F1 on the public dev sets: default model without and with rules/sentiment/shapes.yaml, and VADER');
console.log(line(['set', 'without shapes', 'with shapes', 'VADER', 'posts'], W));
const perShape = new Map<string, { changed: number; agree: number; wasRight: number }>();
for (const f of ['en_airline_tweets', 'en_tweeteval_val', 'en_complaint_tweets', 'pl_medicine_reviews', 'zh_waimai_reviews', 'zh_hotel_reviews']) {
  const rows = read(f);
  const gold = rows.map((r) => r.sentiment!);
  const before = rows.map((r) => without.classify(r.text, r.lang).sentiment.label);
  const after = rows.map((r, i) => {
    const v = ours.classify(r.text, r.lang, { explain: true });
    const shape = v.explain?.shape as { id: string } | undefined;
    if (shape) {
      const s = perShape.get(`${f} ${shape.id}`) ?? { changed: 0, agree: 0, wasRight: 0 };
      s.changed++;
      if (v.sentiment.label === gold[i]) s.agree++;
      if (before[i] === gold[i]) s.wasRight++;
      perShape.set(`${f} ${shape.id}`, s);
    }
    return v.sentiment.label;
  });
  const vaderCell = rows[0].lang === 'en' ? f3(evaluate(gold, rows.map((r) => vaderLabel(r.text))).macroF1) : '-';
  console.log(line([f, f3(evaluate(gold, before).macroF1), f3(evaluate(gold, after).macroF1), vaderCell, rows.length], W));
}
console.log('(en_complaint_tweets: its sentiment labels are unreliable, shown for completeness, not tuned on)');
console.log('\n== Per shape: posts whose reading it changed, and how many of them the human label agrees with after / before');
for (const [k, s] of [...perShape].sort()) console.log(`${k.padEnd(40)} changed ${String(s.changed).padStart(4)}   right after ${String(s.agree).padStart(4)}   right before ${String(s.wasRight).padStart(4)}`);
