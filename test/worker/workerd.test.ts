/**
 * The Worker in the real workerd runtime, offline: `wrangler dev --local` on a free port with a
 * D1 database persisted under a temp folder, a local Queue, and --test-scheduled for cron ticks.
 * Push ingest → classification → a revolt opening from the detector → a delivery through the
 * Queue reaching a local receiver.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/context.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';
import { signWebhook } from '../../src/feeds/webhook-signature.js';
import { CHATTER, LOST_LUGGAGE } from '../helpers/luggage.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WRANGLER = path.join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const PUSH_SECRET = 'push-secret-0123456789abcdef';
const HOOK_SECRET = 'hook-secret-0123456789abcdef';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const toml = (s: string) => JSON.stringify(s); // a JSON string is a valid TOML basic string

let proc: ChildProcess;
let base: string;
let receiver: Receiver;
let dir: string;
let output = '';
let auth: Record<string, string> = {};

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (proc.exitCode !== null) throw new Error(`wrangler dev exited (${proc.exitCode}) while waiting for ${what}:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250)); // polling another process: nothing to tick
  }
  throw new Error(`timed out waiting for ${what} (${String(last)}):\n${output.slice(-3000)}`);
}

async function push(items: unknown[]): Promise<Response> {
  const body = JSON.stringify({ items });
  const id = `msg_${Math.random().toString(36).slice(2)}`;
  const ts = Math.floor(Date.now() / 1000);
  return fetch(`${base}/api/ingest/acme-push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': await signWebhook(PUSH_SECRET, id, ts, body) },
    body,
  });
}

const cron = () => fetch(`${base}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);

describe('the Worker in workerd (wrangler dev --local)', () => {
  beforeAll(async () => {
    receiver = await startReceiver();
    dir = tmpDir('backlash-workerd-');
    const port = await freePort();
    const inspector = await freePort();
    const config = [
      'targets:',
      '  - id: acme',
      '    name: Acme Air',
      '    sources:',
      '      - id: acme-push',
      '        type: push',
      `        secret: ${PUSH_SECRET}`,
      'notifications:',
      '  channels:',
      '    - id: hook',
      '      type: webhook',
      `      url: ${receiver.url}/hook`,
      `      secret: ${HOOK_SECRET}`,
      '',
    ].join('\n');
    fs.writeFileSync(
      path.join(dir, 'wrangler.toml'),
      [
        'name = "backlash-test"',
        `main = ${toml(path.join(ROOT, 'src/entry/worker.ts'))}`,
        'compatibility_date = "2026-04-01"',
        'compatibility_flags = ["nodejs_compat"]',
        '[build]',
        `command = ${toml(`node ${path.join(ROOT, 'node_modules/tsx/dist/cli.mjs')} src/entry/build-worker-assets.ts`)}`,
        `cwd = ${toml(ROOT)}`,
        '[alias]',
        `"backlash:worker-assets" = ${toml(path.join(ROOT, '.tmp/worker/assets.js'))}`,
        '[vars]',
        'LOG_LEVEL = "info"',
        `BACKLASH_CONFIG_YAML = ${toml(config)}`,
        '[[d1_databases]]',
        'binding = "DB"',
        'database_name = "backlash"',
        'database_id = "00000000-0000-0000-0000-000000000000"',
        '[triggers]',
        'crons = ["* * * * *"]',
        '[[queues.producers]]',
        'binding = "DELIVERIES"',
        'queue = "backlash-deliveries"',
        '[[queues.consumers]]',
        'queue = "backlash-deliveries"',
        'max_batch_size = 25',
        'max_batch_timeout = 1',
        '',
      ].join('\n'),
    );
    proc = spawn(
      process.execPath,
      [WRANGLER, 'dev', '--local', '--config', path.join(dir, 'wrangler.toml'), '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--persist-to', path.join(dir, 'state'), '--test-scheduled', '--show-interactive-dev-session=false', '--log-level', 'info'],
      { cwd: dir, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1', HOME: dir, XDG_CONFIG_HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    proc.stdout!.on('data', (d) => (output += d));
    proc.stderr!.on('data', (d) => (output += d));
    base = `http://127.0.0.1:${port}`;
    await waitFor('health', async () => (await fetch(`${base}/health`)).ok, 90_000);
    // first start printed the admin key in the logs, as `wrangler tail` would show it
    const key = await waitFor('the first admin key in the logs', async () => /Admin API key:\s+(bk_[A-Za-z0-9_-]+)/.exec(output)?.[1], 10_000);
    auth = { Authorization: `Bearer ${key}` };
  }, 120_000);

  afterAll(async () => {
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    }
    await receiver?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers /health from D1', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', db: 'ok', dialect: 'd1' });
  });

  it('ingests pushed posts, classifies them, opens a revolt on a cron tick and delivers it through the Queue', async () => {
    const now = Date.now();
    // seven hours of ordinary traffic first (the detector judges a burst against the target's own history,
    // and a lost bag now and then is part of it)
    const calm = Array.from({ length: 40 }, (_, k) => ({ id: `calm-${k}`, text: k % 20 === 7 ? `@AcmeAir ${LOST_LUGGAGE[24 + (k % 3)]}` : `${CHATTER[k % CHATTER.length]} ${k}`, author: { id: `fan-${k}` }, publishedAt: now - 7 * 3_600_000 + k * 10 * 60_000 }));
    const burst = Array.from({ length: 14 }, (_, k) => ({
      id: `burst-${k}`,
      text: `@AcmeAir ${LOST_LUGGAGE[k]}`,
      author: { id: `angry-${k}`, followers: 200 + k * 1000 },
      publishedAt: now - 14 * 60_000 + k * 60_000,
    }));
    const res = await push([...calm, ...burst]);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ received: 54, new: 54, duplicates: 0 });
    // the same batch again stores nothing twice (D1: insert-or-ignore, no transactions)
    expect(await (await push(burst)).json()).toMatchObject({ new: 0, duplicates: 14 });

    const posts = (await (await fetch(`${base}/api/posts?limit=100`, { headers: auth })).json()) as { items?: { text: string; sentiment?: string; classification?: { sentiment?: string } }[] } | unknown[];
    const list = (Array.isArray(posts) ? posts : (posts.items ?? [])) as Record<string, unknown>[];
    expect(list).toHaveLength(54);
    const angry = list.find((p) => String(p.text).includes(LOST_LUGGAGE[0])) as Record<string, any>;
    expect(JSON.stringify(angry)).toMatch(/negative/);

    expect((await cron()).status).toBe(200);
    const revolts = await waitFor('a revolt', async () => {
      const body = (await (await fetch(`${base}/api/revolts`, { headers: auth })).json()) as { items?: unknown[] } | unknown[];
      const items = (Array.isArray(body) ? body : (body.items ?? [])) as Record<string, any>[];
      return items.length ? items : null;
    }, 20_000);
    expect(revolts).toHaveLength(1);
    expect(revolts[0].target ?? revolts[0].target_id).toBe('acme');

    // the cron tick handed the outbox row to the Queue; the consumer delivered it to the receiver
    const got = await waitFor('a delivery', async () => (receiver.received.length ? receiver.received : null), 30_000);
    expect(got[0].path).toBe('/hook');
    expect(got[0].key).toBeTruthy();
    expect(JSON.stringify(got[0].json)).toMatch(/revolt\.opened/);

    // another tick opens nothing new and sends nothing twice under a new key
    expect((await cron()).status).toBe(200);
    const again = (await (await fetch(`${base}/api/revolts`, { headers: auth })).json()) as { items?: unknown[] } | unknown[];
    expect((Array.isArray(again) ? again : (again.items ?? [])).length).toBe(1);
    expect(new Set(receiver.received.map((r) => r.key)).size).toBe(1);
  }, 90_000);
});
