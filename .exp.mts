import { readFileSync } from 'node:fs';
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '/work/main/src/classify/index.ts';
import { createClassifier } from '/work/main/src/classify/classifier.ts';
import { trainModel } from '/work/main/src/classify/train.ts';
import { scoreHead } from '/work/main/src/classify/bayes/nb.ts';
import { NO_TOPIC } from '/work/main/src/classify/bayes/model.ts';
import { binaryF1, evaluate } from '/work/main/src/classify/metrics.ts';
const read = (f: string) => readFileSync('/work/shared/datasets/' + f + '.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const halves = (rows: any[]) => [rows.filter((_, i) => i % 2 === 0), rows.filter((_, i) => i % 2 === 1)];
const what = process.argv[2] ?? 'all';
const ours = buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH);
const rules = ours.rules;
if (what === 'all' || what === 'zero') {
  for (const f of ['en_airline_tweets', 'en_tweeteval_val', 'zh_waimai_reviews', 'zh_hotel_reviews', 'pl_medicine_reviews']) {
    const rows = read(f).filter((r: any) => r.sentiment);
    const e = evaluate(rows.map((r: any) => r.sentiment), rows.map((r: any) => ours.classify(r.text, r.lang).sentiment.label));
    console.log('zero', f, e.macroF1.toFixed(3));
  }
  const rows = read('en_complaint_tweets');
  console.log('zero complaint', binaryF1(rows.map((r: any) => !!r.complaint), rows.map((r: any) => ours.classify(r.text, r.lang).complaint.is)).f1.toFixed(3));
}
if (what === 'all' || what === 'topic') {
  const [train, test] = halves(read('en_airline_tweets'));
  const model = trainModel(train, rules, { heads: ['sentiment', 'topic'] });
  const clf = createClassifier(rules, model);
  const rows = test.filter((r: any) => r.topic);
  const pred = rows.map((r: any) => {
    const a = clf.analyse(r.text, r.lang)!; const head = model.heads.topic!;
    const s = scoreHead(head, a.features); let best = -1;
    head.classes.forEach((c, i) => c !== NO_TOPIC && (best < 0 || s[i] > s[best]) && (best = i));
    return head.classes[best];
  });
  console.log('topic', evaluate(rows.map((r: any) => r.topic), pred).macroF1.toFixed(3));
  const sr = test.filter((r: any) => r.sentiment);
  console.log('airline sent', evaluate(sr.map((r: any) => r.sentiment), sr.map((r: any) => clf.classify(r.text, r.lang).sentiment.label)).macroF1.toFixed(3));
}
if (what === 'all' || what === 'complaint') {
  const [train, test] = halves(read('en_complaint_tweets'));
  const model = trainModel(train, rules, { heads: ['complaint'] });
  const clf = createClassifier(rules, model);
  const gold = test.map((r: any) => !!r.complaint);
  const sc = test.map((r: any) => clf.classify(r.text, r.lang).complaint.score);
  console.log('complaint', binaryF1(gold, sc.map((s) => s >= 0.5)).f1.toFixed(3), [0.3, 0.35, 0.4, 0.45, 0.5, 0.55].map((t) => t + ':' + binaryF1(gold, sc.map((s) => s >= t)).f1.toFixed(3)).join(' '));
}
