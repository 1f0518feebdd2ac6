/**
 * Crash safety with a real process: `backlash serve` is killed with SIGKILL in the middle of a poll
 * (while a page is in flight, and right after the last page was sent), restarted, and in the end
 * every item is stored exactly once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/context.js';
import { BIN, ROOT, cleanEnv } from '../helpers/cli.js';
import { startFixtureServer, T0, type FixtureServer } from './helpers.js';

const PAGE = 50;
let total = 300;
const itemXml = (n: number) =>
  `<item><guid>crash-${n}</guid><title>Crash test item ${n}</title><description>Acme item ${n} text</description><pubDate>${new Date(T0 - (10_000 - n) * 60_000).toUTCString()}</pubDate></item>`;

function until(cond: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (cond()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(check, 25);
    };
    check();
  });
}

describe('crash during a poll', () => {
  let server: FixtureServer;
  let dir: string;
  let child: ChildProcess | null = null;
  let pageHook: ((page: number, done: () => void) => void) | null = null;

  beforeAll(async () => {
    server = await startFixtureServer();
    server.route('/crash.xml', (_req, res, url) => {
      const p = Number(url.searchParams.get('page') ?? 1);
      const ns = Array.from({ length: total }, (_, i) => total - i).slice((p - 1) * PAGE, p * PAGE);
      const next = p * PAGE < total ? `<atom:link rel="next" href="/crash.xml?page=${p + 1}"/>` : '';
      const body = `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>crash</title>${next}${ns.map(itemXml).join('')}</channel></rss>`;
      const send = () => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
      if (pageHook) pageHook(p, send);
      else send();
    });
    dir = tmpDir('backlash-crash-');
    fs.writeFileSync(
      path.join(dir, 'backlash.config.yaml'),
      `http:\n  allowPrivateHosts: ["127.0.0.1"]\npolling:\n  lease: 1s\n  tick: 100ms\ntargets:\n  - id: acme\n    sources:\n      - { id: crashfeed, type: rss, every: 1s, url: "${server.base}/crash.xml", maxPages: 10 }\n`,
    );
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const start = () => {
    child = spawn(process.execPath, [BIN, 'serve'], {
      cwd: ROOT,
      env: cleanEnv({ PORT: '0', BACKLASH_CONFIG: path.join(dir, 'backlash.config.yaml'), BACKLASH_DB: path.join(dir, 'crash.db'), LOG_LEVEL: 'warn' }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', () => {});
    return child;
  };
  const kill = async (c: ChildProcess) => {
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  const db = () => new SQLite(path.join(dir, 'crash.db'), { readonly: true, fileMustExist: true });
  const counts = () => {
    const d = db();
    try {
      const posts = d.prepare("SELECT count(*) AS n, count(DISTINCT external_id) AS d FROM posts WHERE source_id = 'crashfeed'").get() as { n: number; d: number };
      const src = d.prepare("SELECT cursor, posts_seen, status FROM sources WHERE id = 'crashfeed'").get() as { cursor: string | null; posts_seen: number; status: string } | undefined;
      return { ...posts, src };
    } catch {
      return { n: 0, d: 0, src: undefined };
    } finally {
      d.close();
    }
  };

  it('loses no post and duplicates none across SIGKILLs mid-poll', { timeout: 400_000 }, async () => {
    // 1. killed while page 3 of 6 is in flight: nothing stored yet, no cursor saved
    let inFlight = false;
    pageHook = (p, send) => {
      if (p === 3) inFlight = true; // hold page 3: the poll is mid-way
      else send();
    };
    let c = start();
    await until(() => inFlight, 'page 3 requested', 90_000);
    await kill(c);
    expect(counts().src?.cursor ?? null).toBeNull();

    // 2. restarted: killed the moment the last page has been sent (parse, ingest or cursor save under way)
    let lastSent = false;
    pageHook = (p, send) => {
      send();
      if (p === total / PAGE) lastSent = true;
    };
    c = start();
    await until(() => lastSent, 'last page sent', 90_000);
    await kill(c);
    const mid = counts();
    expect(mid.n).toBe(mid.d);

    // 3. restarted and left alone: everything is there, once; then new items arrive incrementally
    pageHook = null;
    c = start();
    await until(() => counts().n === total && counts().src?.status === 'ok' && Number(counts().src?.posts_seen) === total, 'all posts stored', 90_000);
    total = 320;
    await until(() => counts().n === 320 && Number(counts().src?.posts_seen) === 320, 'new posts stored', 90_000);
    await kill(c);
    const end = counts();
    expect(end).toMatchObject({ n: 320, d: 320 });
    expect(Number(end.src!.posts_seen)).toBe(320);
  });
});
