/**
 * Revolt detection benchmark on real posts. Each seed builds a week (scenario.ts): eight targets
 * posting real labelled texts from ../shared/datasets (read at run time), with every family of
 * revolt and decoy injected. Even seeds use half A of every set and are for tuning; odd seeds use
 * half B and are the ones reported (`--split report`, the default).
 *
 * Ours runs as the real CLI (`backlash replay`, whole process timed) or, for sweeps, in process
 * (`--engine inproc`, the same engine on cached verdicts). The peers run over the same verdicts:
 * the vendor-style mean + 3σ and + 4σ of per-target negative volume (1 h windows, 7-day hourly
 * baseline) and a Poisson CUSUM (peer.ts). Per family: recall, median latency from onset, median
 * latency after the 5th injected voice, duplicates; per decoy family: openings; and false alarms
 * per week.
 *
 *   npx tsx bench/revolts/bench.ts [--split report|tune|all] [--seeds 1-24] [--engine cli|inproc]
 *     [--cusum-h 9] [--verbose] [--keep DIR] [--params JSON] [--no-correction]
 *
 * `--no-correction` (in process only) turns off both multiple-testing corrections (windows tried,
 * keys in play) to measure what they buy; `--params` overrides engine parameters for sweeps.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadNodeClassifier } from '../../src/entry/classifier-node.js';
import type { Verdict } from '../../src/types.js';
import { generateScenario, halfOf, type Scenario } from './scenario.js';
import { judge, runEngine } from './inproc.js';
import { runCusum, runVendor, type PeerAlarm } from './peer.js';
import { median, scoreWeek, type Opening, type WeekScore } from './score.js';
import { DECOY_FAMILIES, REVOLT_FAMILIES } from './families.js';
import { DAY } from './week.js';
import { DEFAULT_PARAMS, type EngineParams } from '../../src/revolts/params.js';

const argv = process.argv.slice(2);
const opt = (name: string, dflt?: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
function parseSeeds(s: string): number[] {
  return s.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return b === undefined ? [a] : Array.from({ length: b - a + 1 }, (_, i) => a + i);
  });
}
const split = opt('--split', 'report')!;
const engineKind = opt('--engine', 'cli')!;
const cusumH = Number(opt('--cusum-h', '9'));
const verbose = argv.includes('--verbose');
// tuning sweeps (in process only): engine parameters over the defaults, as JSON
const overrides = JSON.parse(opt('--params', '{}')!) as Partial<EngineParams>;
if (argv.includes('--no-correction')) Object.assign(overrides, { correctWindows: false, correctKeys: false });
if (engineKind === 'cli' && Object.keys(overrides).length) {
  console.error('--params and --no-correction need --engine inproc (the CLI runs the shipped parameters)');
  process.exit(2);
}
if (!['report', 'tune', 'all'].includes(split) || !['cli', 'inproc'].includes(engineKind) || !(cusumH > 0)) {
  console.error('usage: bench.ts [--split report|tune|all] [--seeds 1-24] [--engine cli|inproc] [--cusum-h H] [--verbose] [--keep DIR]');
  process.exit(2);
}
const seeds = parseSeeds(opt('--seeds', '1-24')!).filter((s) => split === 'all' || (split === 'tune') === (halfOf(s) === 'A'));
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const keepDir = opt('--keep') ?? fs.mkdtempSync(path.join(os.tmpdir(), 'backlash-bench-'));
fs.mkdirSync(keepDir, { recursive: true });

// a stale bundle would make bin/backlash.js run the sources through tsx, timing the compiler
if (engineKind === 'cli') {
  const newest = (dir: string): number => Math.max(0, ...fs.readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs)));
  const built = fs.existsSync(path.join(root, 'dist', '.built')) ? fs.statSync(path.join(root, 'dist', '.built')).mtimeMs : 0;
  if (built < newest(path.join(root, 'src'))) spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}

function runCli(s: Scenario): { openings: Opening[]; seconds: number } {
  const file = path.join(keepDir, `week-${s.seed}.jsonl`);
  fs.writeFileSync(file, s.lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [path.join(root, 'bin', 'backlash.js'), 'replay', file], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, LOG_LEVEL: 'warn' } });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (res.status !== 0) {
    process.stderr.write(String(res.stderr));
    throw new Error(`replay exited with ${res.status}`);
  }
  const events = String(res.stdout).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const openings = events
    .filter((e) => e.type === 'revolt.opened')
    .map((e) => ({ target: e.revolt.target, at: Date.parse(e.at), members: new Set(e.revolt.postIds as string[]), key: e.revolt.key, why: e.revolt.explain.reason }));
  return { openings, seconds };
}

const peerOpening = (a: PeerAlarm): Opening => ({ target: a.target, at: a.at, why: a.why });
const DETECTORS = ['ours', 'vendor 3σ', 'vendor 4σ', 'CUSUM'] as const;
type Det = (typeof DETECTORS)[number];
const weeks: { s: Scenario; scores: Record<Det, WeekScore> }[] = [];
const classifier = await loadNodeClassifier();
const cache = new Map<string, Verdict>();
let oursSeconds = 0;
let posts = 0;
for (const seed of seeds) {
  const s = generateScenario(seed);
  const j = judge(s.lines, classifier, cache);
  let ours: Opening[];
  if (engineKind === 'cli') {
    const r = runCli(s);
    ours = r.openings;
    oursSeconds += r.seconds;
  } else {
    const t0 = process.hrtime.bigint();
    ours = runEngine(j.posts, { ...DEFAULT_PARAMS, ...overrides });
    oursSeconds += Number(process.hrtime.bigint() - t0) / 1e9;
  }
  posts += s.lines.length;
  const scores = {
    ours: scoreWeek(ours, s.injections),
    'vendor 3σ': scoreWeek(runVendor(j.peer, 3).map(peerOpening), s.injections),
    'vendor 4σ': scoreWeek(runVendor(j.peer, 4).map(peerOpening), s.injections),
    CUSUM: scoreWeek(runCusum(j.peer, cusumH).map(peerOpening), s.injections),
  };
  weeks.push({ s, scores });
  const o = scores.ours;
  console.error(`seed ${seed} (half ${s.half}): ${s.lines.length} posts; ours ${o.revolts.filter((r) => r.opening).length}/${o.revolts.length} found, ${o.falseAlarms.length} false alarms, ${o.duplicates.length} duplicates, ${o.decoys.filter((d) => d.opening).length} decoys opened`);
}

const fmt = (x: number | null) => (x === null ? '—' : `${Math.round(x * 10) / 10}`);
const pad = (rows: string[][]) => {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(w[i])).join('  '));
};

console.log(`\nrevolt bench: ${split} seeds ${seeds.join(',')} (${weeks.length} weeks, ${Math.round(posts / weeks.length)} posts a week, 8 targets), classifier ${classifier.version}, ours via ${engineKind === 'cli' ? 'backlash replay' : 'the engine in process'}`);
console.log('\nrevolts: found/injected, median minutes from onset, median minutes after the 5th injected voice, duplicates');
const rows: string[][] = [['family', ...DETECTORS.map((d) => d)]];
const familyCell = (d: Det, fam: string) => {
  const rs = weeks.flatMap((w) => w.scores[d].revolts.filter((r) => r.injection.family === fam));
  const found = rs.filter((r) => r.opening);
  const lat = median(found.map((r) => r.latencyMin!));
  const after = median(found.filter((r) => r.after5thMin !== null).map((r) => r.after5thMin!));
  const dups = rs.reduce((s, r) => s + r.duplicates, 0);
  return `${found.length}/${rs.length}  ${fmt(lat)} / ${fmt(after)} min${dups ? `  dup ${dups}` : ''}`;
};
for (const fam of REVOLT_FAMILIES) rows.push([fam, ...DETECTORS.map((d) => familyCell(d, fam))]);
rows.push(['all', ...DETECTORS.map((d) => familyCell(d, '*'))]);
// 'all' is computed over every family
rows[rows.length - 1] = [
  'all',
  ...DETECTORS.map((d) => {
    const rs = weeks.flatMap((w) => w.scores[d].revolts);
    const found = rs.filter((r) => r.opening);
    return `${found.length}/${rs.length}  ${fmt(median(found.map((r) => r.latencyMin!)))} / ${fmt(median(found.filter((r) => r.after5thMin !== null).map((r) => r.after5thMin!)))} min  dup ${rs.reduce((s, r) => s + r.duplicates, 0)}`;
  }),
];
pad(rows);

console.log('\ndecoys: weeks in which the decoy opened (openings)');
const drows: string[][] = [['decoy', ...DETECTORS]];
for (const fam of DECOY_FAMILIES) {
  drows.push([fam, ...DETECTORS.map((d) => {
    const ds = weeks.flatMap((w) => w.scores[d].decoys.filter((x) => x.injection.family === fam));
    return `${ds.filter((x) => x.opening).length}/${ds.length} (${ds.reduce((s, x) => s + x.duplicates, 0)})`;
  })]);
}
pad(drows);

const days = weeks.reduce((s, w) => s + w.s.days, 0);
console.log(`\nfalse alarms (openings on background traffic), over ${days} days:`);
const frows: string[][] = [['detector', 'false alarms', 'per week', 'per week per 6 targets', 'duplicates']];
for (const d of DETECTORS) {
  const fa = weeks.reduce((s, w) => s + w.scores[d].falseAlarms.length, 0);
  const dup = weeks.reduce((s, w) => s + w.scores[d].duplicates.length, 0);
  const perWeek = (fa / days) * 7;
  frows.push([d, `${fa}`, perWeek.toFixed(2), ((perWeek * 6) / 8).toFixed(2), `${dup}`]);
}
pad(frows);
console.log(`\nspeed: ours ${Math.round(posts / oursSeconds)} posts/s (${engineKind === 'cli' ? 'whole backlash replay process, ingest + classify + detect' : 'engine only, verdicts cached'}; ${oursSeconds.toFixed(1)} s for ${posts} posts)`);

if (verbose) {
  const when = (w: Scenario, t: number) => `d${Math.floor((t - w.start) / DAY)} ${new Date(t).toISOString().slice(11, 16)}`;
  for (const w of weeks) {
    console.log(`\nseed ${w.s.seed}:`);
    for (const r of w.scores.ours.revolts) console.log(`  ${r.opening ? `found ${String(r.latencyMin).padStart(6)} min (${fmt(r.after5thMin)} after 5th) ${r.opening.key}` : 'MISSED'.padEnd(18)} ${r.injection.family} ${r.injection.target} ${when(w.s, r.injection.onset)}: ${r.injection.name}${r.opening ? '' : `  [v3σ ${fmt(w.scores['vendor 3σ'].revolts.find((x) => x.injection === r.injection)!.latencyMin)}]`}`);
    const text = new Map(w.s.lines.map((l) => [l.id, l.text]));
    for (const d of w.scores.ours.decoys) {
      if (!d.opening) continue;
      console.log(`  DECOY OPENED ${d.injection.family} ${d.injection.target} ${when(w.s, d.opening.at)} ${d.opening.key} :: ${d.opening.why}`);
      for (const id of [...(d.opening.members ?? [])].slice(0, 6)) console.log(`      ${(text.get(id) ?? '').slice(0, 140)}`);
    }
    for (const o of w.scores.ours.falseAlarms) console.log(`  false alarm ${o.target} ${when(w.s, o.at)} ${o.key} :: ${o.why}`);
    for (const o of w.scores.ours.duplicates) console.log(`  duplicate ${o.target} ${when(w.s, o.at)} ${o.key} :: ${o.why}`);
  }
}
