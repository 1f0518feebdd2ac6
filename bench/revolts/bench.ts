/**
 * Scenario benchmark: generates the seeded scenario week, replays it through `backlash replay`
 * (a child process: the whole CLI, start to exit, is what is timed), runs the vendor-style peer
 * (last hour vs trailing mean + kσ, min 8 authors; k = 3 and 4) over the same posts judged by the
 * same classifier, and prints recall, median latency from onset, false alarms per simulated day,
 * decoy openings and speed side by side.
 *
 *   npx tsx bench/revolts/bench.ts [--seed 7] [--keep FILE]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateScenario, DAYS } from './scenario.js';
import { runPeer, type PeerPost } from './peer.js';
import { score, type Opening, type Score } from './score.js';
import { loadNodeClassifier } from '../../src/entry/classifier-node.js';

const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const seed = Number(opt('--seed') ?? 7);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

const scenario = generateScenario(seed);
const file = opt('--keep') ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'backlash-bench-')), 'week.jsonl');
fs.writeFileSync(file, scenario.lines.map((l) => JSON.stringify(l)).join('\n') + '\n');

// ours: the real CLI, whole process
const t0 = process.hrtime.bigint();
const res = spawnSync(process.execPath, [path.join(root, 'bin', 'backlash.js'), 'replay', file], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, LOG_LEVEL: 'warn' } });
const oursSec = Number(process.hrtime.bigint() - t0) / 1e9;
if (res.status !== 0) {
  process.stderr.write(res.stderr);
  throw new Error(`replay exited with ${res.status}`);
}
const events = res.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
const opened = events.filter((e) => e.type === 'revolt.opened');
const ours: Opening[] = opened.map((e) => ({ target: e.revolt.target, at: Date.parse(e.at), members: new Set(e.revolt.postIds as string[]) }));
const oursScore = score(ours, scenario.revolts, scenario.decoys, DAYS);

// the peer, over the same posts judged by the same classifier
const classifier = await loadNodeClassifier();
const peerPosts: PeerPost[] = scenario.lines.map((l) => ({ target: l.target, author: l.author.id, at: Date.parse(l.publishedAt), negative: classifier.classify(l.text, l.lang).sentiment.label === 'negative' }));
const t1 = process.hrtime.bigint();
const peer3 = runPeer(peerPosts, 3);
const peer4 = runPeer(peerPosts, 4);
const peerSec = Number(process.hrtime.bigint() - t1) / 1e9;
const s3 = score(peer3.map((a) => ({ target: a.target, at: a.at })), scenario.revolts, scenario.decoys, DAYS);
const s4 = score(peer4.map((a) => ({ target: a.target, at: a.at })), scenario.revolts, scenario.decoys, DAYS);

const n = scenario.lines.length;
const fmt = (s: Score) => [
  `${s.found}/${s.total}`,
  s.medianLatencyMin === null ? '—' : `${s.medianLatencyMin} min`,
  `${s.falseAlarms} (${s.falseAlarmsPerDay}/day)`,
  `${s.decoyOpenings}`,
];
const rows: [string, string[], string][] = [
  ['backlash (ours)', fmt(oursScore), `${Math.round(n / oursSec)} posts/s whole process (${oursSec.toFixed(2)} s)`],
  ['peer mean+3σ, 8 authors', fmt(s3), `${Math.round((2 * n) / peerSec)} posts/s detection only, in-process`],
  ['peer mean+4σ, 8 authors', fmt(s4), ''],
];
const head = ['detector', 'recall', 'median latency', 'false alarms (week)', 'decoy openings', 'speed'];
const table = [head, ...rows.map(([name, cells, speed]) => [name, ...cells, speed])];
const widths = head.map((_, i) => Math.max(...table.map((r) => r[i].length)));
console.log(`scenario seed ${seed}: ${n} posts over ${DAYS} days, ${scenario.revolts.length} revolts, ${scenario.decoys.length} decoys; classifier ${classifier.version}`);
for (const r of table) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
console.log('\nper revolt (latency from onset, minutes; — = missed):');
for (const [i, r] of scenario.revolts.entries()) {
  console.log(`  ${r.name.padEnd(36)} ours ${String(oursScore.perRevolt[i].latencyMin ?? '—').padStart(6)}   peer3σ ${String(s3.perRevolt[i].latencyMin ?? '—').padStart(6)}   peer4σ ${String(s4.perRevolt[i].latencyMin ?? '—').padStart(6)}`);
}
console.log('decoys (opened?):');
for (const [i, d] of scenario.decoys.entries()) console.log(`  ${d.name.padEnd(36)} ours ${oursScore.perDecoy[i].opened ? 'OPENED' : 'quiet'}   peer3σ ${s3.perDecoy[i].opened ? 'OPENED' : 'quiet'}   peer4σ ${s4.perDecoy[i].opened ? 'OPENED' : 'quiet'}`);
if (argv.includes('--verbose')) {
  for (const e of opened) console.log(`  opened ${e.at} ${e.revolt.target} ${e.revolt.key} sev ${e.revolt.severity} members ${e.revolt.postIds.length} :: ${e.revolt.explain.reason}`);
  for (const a of peer3) console.log(`  peer3 ${new Date(a.at).toISOString()} ${a.target} count ${a.count} > ${a.threshold}`);
}
console.log(`events: ${events.length} (${events.filter((e) => e.type === 'revolt.opened').length} opened, ${events.filter((e) => e.type === 'revolt.escalated').length} escalated, ${events.filter((e) => e.type === 'revolt.updated').length} updated, ${events.filter((e) => e.type === 'revolt.resolved').length} resolved)`);
