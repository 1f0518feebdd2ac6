/** Replay's input: JSONL lines as posts, in time order, in chunks. */
import fs from 'node:fs';
import readline from 'node:readline';
import type { NormalizedPost } from '../../types.js';

/** Posts ingested and classified per chunk (detection still ticks every --tick of simulated time). */
export const CHUNK = 2000;

/** One input line as a post, or why it is not one. */
export function parseReplayLine(line: string): NormalizedPost | string {
  let r: Record<string, any>;
  try {
    r = JSON.parse(line);
  } catch {
    return 'invalid JSON';
  }
  if (!r || typeof r !== 'object') return 'not an object';
  for (const k of ['id', 'source', 'target', 'text', 'publishedAt']) if (typeof r[k] !== 'string' || !r[k]) return `missing "${k}"`;
  if (!r.author || typeof r.author.id !== 'string') return 'missing "author.id"';
  const at = Date.parse(r.publishedAt);
  if (!Number.isFinite(at)) return `"publishedAt" is not an ISO-8601 time`;
  return {
    source: r.source,
    target: r.target,
    externalId: r.id,
    url: typeof r.url === 'string' ? r.url : null,
    author: { id: r.author.id, name: r.author.name ?? null, handle: r.author.handle ?? null, followers: Number.isFinite(r.author.followers) ? r.author.followers : null },
    text: r.text,
    lang: typeof r.lang === 'string' ? r.lang : null,
    publishedAt: at,
    metrics: r.metrics && typeof r.metrics === 'object' ? r.metrics : null,
  };
}

export interface ReadCounts {
  bad: number;
  lineNo: number;
}

/**
 * The file's posts in time order (a post stamped earlier than the one before it is taken at that
 * one's time), in chunks of CHUNK posts, the last one possibly shorter (`full` false). Bad lines
 * are reported on stderr (the first 20) and counted in `counts`.
 */
export async function* readChunks(file: string, counts: ReadCounts): AsyncGenerator<{ posts: NormalizedPost[]; full: boolean }> {
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let lastAt = -Infinity;
  let batch: NormalizedPost[] = [];
  for await (const line of rl) {
    counts.lineNo++;
    if (!line.trim()) continue;
    const p = parseReplayLine(line);
    if (typeof p === 'string') {
      counts.bad++;
      if (counts.bad <= 20) process.stderr.write(`backlash replay: line ${counts.lineNo}: ${p}\n`);
      continue;
    }
    if (p.publishedAt < lastAt) p.publishedAt = lastAt; // input must be in time order
    lastAt = p.publishedAt;
    batch.push(p);
    if (batch.length >= CHUNK) {
      yield { posts: batch, full: true };
      batch = [];
    }
  }
  if (batch.length) yield { posts: batch, full: false };
}
