import { readFileSync } from 'node:fs';
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../src/entry/classifier-files.js';
const DATA='/work/shared/datasets/';
const sets = ['en_airline_tweets', 'en_tweeteval_val', 'zh_waimai_reviews', 'zh_hotel_reviews', 'pl_medicine_reviews', 'en_complaint_tweets'];
const pool = sets.flatMap((f) => readFileSync(DATA + f + '.jsonl', 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text));
const sample = Array.from({ length: 3000 }, (_, i) => pool[(i * 7919) % pool.length]);
const m = process.argv[2];
const c = m === 'none' ? buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH, null) : m === 'shipped' ? buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH) : buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH, m);
for (let k=0;k<3;k++) for (const t of sample) c.classify(t);
let best = Infinity;
for (let r = 0; r < 30; r++) { const t0 = process.cpuUsage(); for (const t of sample) c.classify(t); const u = process.cpuUsage(t0); best = Math.min(best, (u.user + u.system) / 1e3 / sample.length * 1000); }
console.log(m, `${best.toFixed(2)} µs/post = ${Math.round(1e6/best)} posts per CPU-second`);
