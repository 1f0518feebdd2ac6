/**
 * Three `backlash serve` processes on one real PostgreSQL database, one killed with SIGKILL in the
 * middle of a burst: no post lost or stored twice, every post classified, one revolt announced
 * once, its delivery received at least once under one idempotency key, and polling of the feed
 * carried on by the survivors. Needs DATABASE_URL (see test/helpers/requirements.ts).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startService, stopServices, waitFor, type Service } from '../helpers/cli.js';
import { throwawayPgDatabase, tmpDir } from '../helpers/context.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';
import { signWebhook } from '../../src/feeds/webhook-signature.js';
import { LOST_LUGGAGE } from '../helpers/luggage.js';
import { POSTGRES, skipWithout } from '../helpers/requirements.js';
import { shardLeaseName, shardOf } from '../../src/jobs/detect-shards.js';

const BASE_URL = process.env.DATABASE_URL;
const PUSH_SECRET = 'push-secret-0123456789abcdef';
const MIN = 60_000;
/** acme's detection shard (the default 8 shards): the lease whose holder is killed */
const ACME_SHARD = shardLeaseName(shardOf('acme', 8), 8);

interface Item {
  id: string;
  text: string;
  author: { id: string; followers?: number };
  publishedAt: number;
}

describe.skipIf(skipWithout(POSTGRES))('several instances on one PostgreSQL', () => {
  const services: Service[] = [];
  let receiver: Receiver;
  let feedServer: http.Server;
  let own: Awaited<ReturnType<typeof throwawayPgDatabase>> | undefined;
  let db: pg.Pool;
  let dir: string;

  afterAll(async () => {
    await stopServices(services);
    await receiver?.close();
    await new Promise((r) => feedServer?.close(r));
    await db?.end();
    await own?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('survives SIGKILL of one instance mid-burst without losing, doubling or re-announcing anything', async () => {
    own = await throwawayPgDatabase(BASE_URL!, 'bl_multi');
    db = new pg.Pool({ connectionString: own.url, max: 2 });
    db.on('error', () => {}); // the database is dropped with FORCE at the end: idle clients are killed
    receiver = await startReceiver();

    const t0 = Date.now();
    const feedItems: { id: string; title: string; content_text: string; date_published: string; author: { name: string } }[] = [];
    const addFeedItems = (from: number, n: number) => {
      for (let i = from; i < from + n; i++) feedItems.push({ id: `feed-${i}`, title: '', content_text: `Flew Acme Air to Lisbon, trip number ${i}, all fine`, date_published: new Date(t0 - 3 * 60 * MIN + i * MIN).toISOString(), author: { name: `reader-${i}` } });
    };
    addFeedItems(0, 10);
    feedServer = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/feed+json' });
      res.end(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Acme mentions', items: [...feedItems].reverse() }));
    });
    await new Promise<void>((r) => feedServer.listen(0, '127.0.0.1', r));
    const feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed.json`;

    dir = tmpDir('backlash-multi-');
    const configFile = path.join(dir, 'backlash.config.yaml');
    fs.writeFileSync(
      configFile,
      [
        'http:',
        '  allowPrivateHosts: true',
        'polling:',
        '  lease: 3s',
        '  tick: 250ms',
        '  jitter: 0',
        'cluster:',
        '  detectEvery: 1s',
        '  leaseTtl: 3s',
        'targets:',
        '  - id: acme',
        '    name: Acme Air',
        '    sources:',
        '      - id: acme-feed',
        '        type: jsonfeed',
        `        url: ${feedUrl}`,
        '        every: 1s',
        '      - id: acme-push',
        '        type: push',
        `        secret: ${PUSH_SECRET}`,
        'notifications:',
        '  timeout: 2s',
        '  backoffBase: 1s',
        '  channels:',
        '    - id: hook',
        '      type: webhook',
        `      url: ${receiver.url}/hook`,
        '      secret: hook-secret-0123456789abcdef',
        '',
      ].join('\n'),
    );
    const env = { DATABASE_URL: own.url, BACKLASH_CONFIG: configFile, LOG_LEVEL: 'info' };
    services.push(...(await Promise.all([startService(env, { waitMs: 60_000 }), startService(env, { waitMs: 60_000 }), startService(env, { waitMs: 60_000 })])));

    const sent = new Set<string>();
    let rr = 0;
    /** Pushes a batch to one instance; a failed request goes to the next live one, as a real client retries. */
    const push = async (items: Item[], only?: Service[]): Promise<void> => {
      const pool = only ?? services;
      for (let attempt = 0; attempt < 6; attempt++) {
        const s = pool[rr++ % pool.length];
        const body = JSON.stringify({ items });
        const id = `msg_${Math.random().toString(36).slice(2)}`;
        const ts = Math.floor(Date.now() / 1000);
        try {
          const res = await fetch(`${s.url}/api/ingest/acme-push`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': await signWebhook(PUSH_SECRET, id, ts, body) },
            body,
          });
          if (res.status === 202) {
            for (const i of items) sent.add(i.id);
            return;
          }
        } catch {
          // the instance died under us: retry elsewhere
        }
      }
      throw new Error('push failed on every instance');
    };

    const calmTexts = ['Booked Acme for the holidays', 'Acme lounge is nice', 'Is the Acme app showing gate changes?', 'Great crew on my Acme flight today, thanks!', 'Flying with Acme tomorrow, any tips?'];
    const calm: Item[] = Array.from({ length: 30 }, (_, k) => ({ id: `calm-${k}`, text: `${calmTexts[k % calmTexts.length]} (${k})`, author: { id: `fan-${k}` }, publishedAt: t0 - 6 * 60 * MIN + k * 10 * MIN }));
    for (let k = 0; k < calm.length; k += 5) await push(calm.slice(k, k + 5));

    const count = async (q: string, params: unknown[] = []) => Number((await db.query(q, params)).rows[0].n);
    await waitFor(async () => (await count(`select count(*) as n from posts where classified = 1`)) === 40, 30_000);

    // the burst: the first half goes to all three at once, and the detection lease holder dies mid-way
    const burst: Item[] = Array.from({ length: 14 }, (_, k) => ({ id: `burst-${k}`, text: `@AcmeAir ${LOST_LUGGAGE[k]}`, author: { id: `angry-${k}`, followers: 200 + k * 1000 }, publishedAt: Date.now() - 14 * MIN + k * MIN }));
    const holder = await waitFor(async () => (await db.query(`select owner from leases where name = $1`, [ACME_SHARD])).rows[0]?.owner as string | undefined, 15_000);
    const victim = services.find((s) => holder.endsWith(`:${s.child.pid}`))!;
    expect(victim).toBeDefined();
    const survivors = services.filter((s) => s !== victim);
    const firstHalf = Promise.all(burst.slice(0, 7).map((item) => push([item])));
    victim.child.kill('SIGKILL');
    const killedAt = Date.now();
    await victim.exited;
    await firstHalf;
    addFeedItems(10, 10); // published after the kill: only a survivor can poll them
    for (const item of burst.slice(7)) await push([item], survivors);

    // everything arrives, once, and is classified
    const expectedPosts = calm.length + burst.length + feedItems.length;
    await waitFor(async () => (await count(`select count(*) as n from posts where classified = 1`)) === expectedPosts, 45_000);
    expect(await count(`select count(*) as n from posts`)).toBe(expectedPosts);
    expect(await count(`select count(distinct (source_id, external_id)) as n from posts`)).toBe(expectedPosts);
    expect(await count(`select count(*) as n from classifications`)).toBe(expectedPosts);
    const ids = (await db.query(`select external_id from posts where source_id = 'acme-push'`)).rows.map((r) => r.external_id as string);
    expect(new Set(ids)).toEqual(sent);

    // polling moved to a survivor
    const feed = (await db.query(`select last_success_at, lease_owner from sources where id = 'acme-feed'`)).rows[0];
    expect(Number(feed.last_success_at)).toBeGreaterThan(killedAt);
    expect(await count(`select count(*) as n from posts where source_id = 'acme-feed' and external_id in ('feed-10', 'feed-19')`)).toBe(2);

    // one revolt, announced once, delivered at least once under one key
    const opened = await waitFor(async () => {
      const n = await count(`select count(*) as n from events where type = 'revolt.opened'`);
      return n > 0 ? n : null;
    }, 45_000);
    const hooks = await waitFor(async () => {
      const got = receiver.received.filter((r) => JSON.stringify(r.json).includes('revolt.opened'));
      return got.length ? got : null;
    }, 45_000);
    // a few more detection ticks on the survivors change nothing
    const leaseNow = await waitFor(async () => (await db.query(`select owner from leases where name = $1 and owner <> $2`, [ACME_SHARD, holder])).rows[0]?.owner as string | undefined, 15_000);
    expect(survivors.some((s) => leaseNow.endsWith(`:${s.child.pid}`))).toBe(true);
    const ticksFrom = Date.now();
    await waitFor(async () => Date.now() - ticksFrom > 3_000, 10_000);
    expect(opened).toBe(1);
    expect(await count(`select count(*) as n from events where type = 'revolt.opened'`)).toBe(1);
    expect(await count(`select count(*) as n from revolts where target_id = 'acme'`)).toBe(1);
    expect(await count(`select count(*) as n from queue_items where kind = 'revolt'`)).toBe(1);
    expect(new Set(hooks.map((h) => h.key)).size).toBe(1);
    expect(hooks[0].key).toBeTruthy();
    expect(await count(`select count(*) as n from outbox where status = 'delivered'`)).toBeGreaterThanOrEqual(1);
    for (const s of survivors) expect(s.child.exitCode).toBeNull();
  }, 240_000);
});
