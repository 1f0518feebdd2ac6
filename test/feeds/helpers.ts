/** Test helpers for feeds: a local HTTP server for fixtures, and a test context wired to poll it. */
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createTestContext, type Dialect, type TestContext } from '../helpers/context.js';
import { syncTargets } from '../../src/store/targets.js';
import { createUndiciHttpClient } from '../../src/entry/http-undici.js';
import { createPQueueTaskQueue } from '../../src/entry/feed-queue.js';
import { httpLimitsFromConfig, type FeedRuntime } from '../../src/feeds/runtime.js';
import { pollSource, type PollOutcome } from '../../src/feeds/poll.js';
import { withPendingCounts } from '../../src/ingest/source-counts.js';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string) => void | Promise<void>;

export interface LoggedRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  status?: number;
}

export interface FixtureServer {
  base: string;
  port: number;
  log: LoggedRequest[];
  route(prefix: string, h: Handler): void;
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const routes: [string, Handler][] = [];
  const log: LoggedRequest[] = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry: LoggedRequest = { method: req.method ?? 'GET', url, headers: req.headers };
    log.push(entry);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    res.on('finish', () => (entry.status = res.statusCode));
    const match = routes.filter(([p]) => url.pathname.startsWith(p)).sort((a, b) => b[0].length - a[0].length)[0];
    if (!match) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no fixture');
      return;
    }
    try {
      await match[1](req, res, url, Buffer.concat(chunks).toString('utf8'));
    } catch (err) {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    log,
    route: (prefix, h) => {
      const i = routes.findIndex(([p]) => p === prefix);
      if (i >= 0) routes.splice(i, 1);
      routes.push([prefix, h]);
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Sends a body with an ETag, answering 304 when the client already has it. */
export function sendConditional(req: http.IncomingMessage, res: http.ServerResponse, body: string, type: string, extra: Record<string, string> = {}): void {
  const etag = `"${crypto.createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag, ...extra }).end();
    return;
  }
  res.writeHead(200, { 'content-type': type, etag, ...extra }).end(body);
}

export const T0 = Date.parse('2026-03-02T09:00:00Z');

export interface FeedTestContext extends TestContext {
  feeds: FeedRuntime;
  poll(id: string): Promise<PollOutcome>;
}

const YAML_HTTP = `http:\n  timeout: 10s\n  maxBytes: 1000000\n  allowPrivateHosts: ["127.0.0.1"]\n  contactUrl: https://example.org/backlash\n`;

export async function createFeedContext(dialect: Dialect, extraYaml = ''): Promise<FeedTestContext> {
  const ctx = await createTestContext({ dialect, config: YAML_HTTP + extraYaml, now: T0 });
  const limits = httpLimitsFromConfig(ctx.config);
  const client = createUndiciHttpClient(limits);
  const feeds: FeedRuntime = { http: client, limits, queue: createPQueueTaskQueue(ctx.config.polling), random: () => 0.5 };
  const full = ctx as FeedTestContext;
  full.feeds = feeds;
  full.poll = (id: string) => pollSource(full, feeds, id);
  const close = ctx.close;
  let closed = false;
  full.close = async () => {
    if (closed) return;
    closed = true;
    await client.close().catch(() => {});
    await close();
  };
  return full;
}

export async function addSource(ctx: TestContext, target: string, source: Record<string, unknown> & { id: string; type: string }): Promise<void> {
  const { id, type, every, enabled, ...rest } = source as Record<string, unknown>;
  await syncTargets(ctx, [
    { id: target, name: target, sources: [{ id: id as string, type: type as string, every: (every as number | undefined) ?? 300_000, enabled: (enabled as boolean | undefined) ?? true, ...rest }] },
  ]);
}

/** The source's row, posts_seen including the counts not folded yet (as the API shows it). */
export async function sourceRow(ctx: TestContext, id: string) {
  const [row] = await withPendingCounts(ctx, [await ctx.db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirstOrThrow()]);
  return row;
}

export async function postCount(ctx: TestContext, source?: string): Promise<number> {
  let q = ctx.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n'));
  if (source) q = q.where('source_id', '=', source);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
