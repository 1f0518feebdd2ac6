/**
 * What the learned escalation head costs: in-process classification of mixed public posts
 * (../shared/datasets, read at run time) in posts per CPU-second (process.cpuUsage, user + system:
 * less sensitive than wall-clock time to a loaded machine) and posts per wall-clock second, with
 * the shipped head, without it (same rules and model objects), and with any other head files given,
 * interleaved rounds, best of each. Prints `uptime`'s load beside the figures.
 *   npx tsx bench/classify-head.ts [--rounds 8] [--n 3000] [other-escalation.json ...]
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../src/entry/classifier-files.js';
import { createClassifier, type BacklashClassifier } from '../src/classify/classifier.js';
import { escalationHeadFromJson, type EscalationHeadJson } from '../src/classify/cues/escalation-head.js';

process.env.DOTENV_CONFIG_QUIET ??= 'true';
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROUNDS = arg('rounds', 8);
const N = arg('n', 3000);
const DATA = new URL('../../shared/datasets/', import.meta.url).pathname;
if (!existsSync(DATA)) throw new Error(`${DATA} is missing: the public datasets are read at run time`);
const sets = ['en_airline_tweets', 'en_tweeteval_val', 'zh_waimai_reviews', 'zh_hotel_reviews', 'pl_medicine_reviews', 'en_complaint_tweets'];
const pool = sets.flatMap((f) => readFileSync(join(DATA, f + '.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text));
const sample = Array.from({ length: N }, (_, i) => pool[(i * 7919) % pool.length]);

const ours = buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH);
const peers: [string, BacklashClassifier][] = [
  [`shipped head (${ours.escalationHead?.version})`, ours],
  ['no head', createClassifier(ours.rules, ours.model, null)],
];
for (const f of process.argv.slice(2).filter((a) => a.endsWith('.json'))) {
  const head = escalationHeadFromJson(JSON.parse(readFileSync(f, 'utf8')) as EscalationHeadJson);
  peers.push([`${f} (${head.version})`, createClassifier(ours.rules, ours.model, head)]);
}
for (const [, c] of peers) for (let pass = 0; pass < 2; pass++) for (const t of sample) c.classify(t);
const best = peers.map(() => ({ cpu: 0, wall: 0 }));
for (let round = 0; round < ROUNDS; round++) {
  peers.forEach(([, c], i) => {
    const u0 = process.cpuUsage();
    const t0 = performance.now();
    for (const t of sample) c.classify(t);
    const wall = (performance.now() - t0) / 1000;
    const u = process.cpuUsage(u0);
    best[i].cpu = Math.max(best[i].cpu, N / ((u.user + u.system) / 1e6));
    best[i].wall = Math.max(best[i].wall, N / wall);
  });
}
console.log(`== In-process classify of ${N} mixed public posts (no lang given), best of ${ROUNDS} interleaved rounds; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const base = best[1].cpu;
peers.forEach(([name], i) => console.log(`${name.padEnd(48)} ${String(Math.round(best[i].cpu)).padStart(7)} posts per CPU-second (${((best[i].cpu / base - 1) * 100).toFixed(1)} % vs no head)  ${String(Math.round(best[i].wall)).padStart(7)} posts/s wall`));
