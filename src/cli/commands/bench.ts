/**
 * `backlash bench [NAME] [ARGS...]`: runs a benchmark program from bench/ (each prints its own
 * figures with the peer measured in the same run). Without NAME, lists them.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../entry/project-root.js';

const ROOT = PROJECT_ROOT;

export const BENCHMARKS: Record<string, { file: string; what: string }> = {
  classify: { file: 'bench/classify.ts', what: 'classification accuracy on the dev sets and speed, vs natural NB and VADER' },
  escalation: { file: 'bench/escalation.ts', what: 'escalation cues on the hand-written eval posts: precision/recall per cue type and language, vs plain rule words' },
  shapes: { file: 'bench/shapes.ts', what: 'sentiment macro-F1 on the public sets with and without the sarcasm/balanced shapes, vs VADER' },
  feeds: { file: 'bench/feeds.ts', what: 'feed parsing items/s (RSS, Atom, Mastodon) vs rss-parser' },
  revolts: { file: 'bench/revolts/bench.ts', what: 'scenario week: recall, latency, false alarms, replay speed, vs the mean+kσ peer' },
  load: { file: 'bench/load.ts', what: 'push ingest into one instance, unique texts and a retweet storm: posts/s, p50/p99, memory over time, loss check, vs the in-process pipeline' },
  stored: { file: 'bench/stored.ts', what: 'push throughput on an empty database vs one pre-filled with many stored posts' },
  scale: { file: 'bench/scale.ts', what: '1, 2 and 3 instances on one PostgreSQL in one run: posts/s and the ratio to one' },
  'group-commit': { file: 'bench/group-commit.ts', what: 'pushes with group commit on vs one transaction per push, alternating in one run' },
  desk: { file: 'bench/desk.ts', what: 'the demo replayed: open queue items as a share of posts once a revolt is open, vs one item per flagged post' },
  'cx-export': { file: 'bench/cx-export.ts', what: 'CSV export of every post, streamed vs all rows at once: time and memory over time; weekly report and a year of trends' },
  'db-size': { file: 'bench/db-size.ts', what: 'database size per million posts, SQLite and PostgreSQL, before and after retention' },
};

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help') {
    const w = Math.max(...Object.keys(BENCHMARKS).map((k) => k.length));
    process.stdout.write(`usage: backlash bench NAME [ARGS...]\n\n${Object.entries(BENCHMARKS).map(([k, b]) => `  ${k.padEnd(w)}  ${b.what}`).join('\n')}\n`);
    return name ? 0 : 2;
  }
  const bench = BENCHMARKS[name];
  if (!bench || !fs.existsSync(path.join(ROOT, bench.file))) {
    process.stderr.write(`backlash bench: unknown benchmark "${name}" (try: ${Object.keys(BENCHMARKS).join(', ')})\n`);
    return 2;
  }
  return new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, bench.file), ...rest], { cwd: ROOT, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
