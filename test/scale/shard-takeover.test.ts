/**
 * Detection sharded by target over two real `backlash serve` processes on one real PostgreSQL:
 * the two share the shards out (a lease each), one is killed with SIGKILL, and the survivor takes
 * its shards over: a revolt on a target of the dead instance's shard is opened by the survivor,
 * once. Needs DATABASE_URL (see test/helpers/requirements.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startService, stopServices, waitFor, type Service } from '../helpers/cli.js';
import { throwawayPgDatabase, tmpDir } from '../helpers/context.js';
import { signWebhook } from '../../src/feeds/webhook-signature.js';
import { LOST_LUGGAGE } from '../helpers/luggage.js';
import { POSTGRES, skipWithout } from '../helpers/requirements.js';
import { shardLeaseName, shardOf } from '../../src/jobs/detect-shards.js';

const BASE_URL = process.env.DATABASE_URL;
const SECRET = 'push-secret-0123456789abcdef';
const MIN = 60_000;
const SHARDS = 4;

/** One target per shard. */
const TARGETS: string[] = [];
for (let i = 0; TARGETS.length < SHARDS; i++) if (!TARGETS.some((t) => shardOf(t, SHARDS) === shardOf(`brand${i}`, SHARDS))) TARGETS.push(`brand${i}`);

describe.skipIf(skipWithout(POSTGRES))('detection shards over two instances on one PostgreSQL', () => {
  const services: Service[] = [];
  let own: Awaited<ReturnType<typeof throwawayPgDatabase>> | undefined;
  let db: pg.Pool;
  let dir: string;

  afterAll(async () => {
    await stopServices(services);
    await db?.end();
    await own?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shares the shards out, and a killed instance\'s targets are detected by the survivor', async () => {
    own = await throwawayPgDatabase(BASE_URL!, 'bl_shards');
    db = new pg.Pool({ connectionString: own.url, max: 2 });
    db.on('error', () => {});
    dir = tmpDir('backlash-shards-');
    const configFile = path.join(dir, 'backlash.config.yaml');
    const lines = ['cluster:', '  detectEvery: 1s', '  leaseTtl: 3s', `  detectShards: ${SHARDS}`, 'targets:'];
    for (const t of TARGETS) lines.push(`  - id: ${t}`, '    name: Acme Air', '    sources:', `      - id: ${t}-push`, '        type: push', `        secret: ${SECRET}`);
    fs.writeFileSync(configFile, lines.join('\n') + '\n');
    const env = { DATABASE_URL: own.url, BACKLASH_CONFIG: configFile, LOG_LEVEL: 'info' };
    services.push(...(await Promise.all([startService(env, { waitMs: 60_000 }), startService(env, { waitMs: 60_000 })])));

    const push = async (s: Service, target: string, items: { id: string; text: string; author: { id: string; followers?: number }; publishedAt: number }[]) => {
      const body = JSON.stringify({ items });
      const id = `msg_${Math.random().toString(36).slice(2)}`;
      const ts = Math.floor(Date.now() / 1000);
      const res = await fetch(`${s.url}/api/ingest/${target}-push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': await signWebhook(SECRET, id, ts, body) },
        body,
      });
      expect(res.status).toBe(202);
    };
    const owners = async () => new Map((await db.query(`select name, owner from leases where name like 'detect-revolts:%' and until > $1`, [Date.now()])).rows.map((r) => [r.name as string, r.owner as string]));
    const ownerOf = (s: Service) => (o: string) => o.endsWith(`:${s.child.pid}`);

    // both instances hold half of the shards
    const split = await waitFor(async () => {
      const o = await owners();
      const per = services.map((s) => [...o.values()].filter(ownerOf(s)).length);
      return o.size === SHARDS && per.every((n) => n === SHARDS / 2) ? o : null;
    }, 30_000);
    const [victim, survivor] = services;
    const victimTarget = TARGETS.find((t) => ownerOf(victim)(split.get(shardLeaseName(shardOf(t, SHARDS), SHARDS))!))!;
    expect(victimTarget).toBeDefined();
    const lease = shardLeaseName(shardOf(victimTarget, SHARDS), SHARDS);

    // calm history on the victim's target, then the victim dies
    const t0 = Date.now();
    const calmTexts = ['Booked Acme for the holidays', 'Acme lounge is nice', 'Is the Acme app showing gate changes?', 'Great crew on my Acme flight today, thanks!', 'Flying with Acme tomorrow, any tips?'];
    const calm = Array.from({ length: 30 }, (_, k) => ({ id: `calm-${k}`, text: `${calmTexts[k % calmTexts.length]} (${k})`, author: { id: `fan-${k}` }, publishedAt: t0 - 6 * 60 * MIN + k * 10 * MIN }));
    await push(victim, victimTarget, calm);
    const count = async (q: string, params: unknown[] = []) => Number((await db.query(q, params)).rows[0].n);
    await waitFor(async () => (await count(`select count(*) as n from detect_shards where id = $1 and cursor_at >= (select max(classified_at) from classifications)`, [`${shardOf(victimTarget, SHARDS)}/${SHARDS}`])) === 1, 30_000);
    victim.child.kill('SIGKILL');
    await victim.exited;

    // the burst goes to the survivor, which must take the dead instance's shards to see it
    const burst = Array.from({ length: 14 }, (_, k) => ({ id: `burst-${k}`, text: `@AcmeAir ${LOST_LUGGAGE[k]}`, author: { id: `angry-${k}`, followers: 200 + k * 1000 }, publishedAt: Date.now() - 14 * MIN + k * MIN }));
    await push(survivor, victimTarget, burst);
    const taken = await waitFor(async () => {
      const o = await owners();
      return o.size === SHARDS && [...o.values()].every(ownerOf(survivor)) ? o : null;
    }, 30_000);
    expect(ownerOf(survivor)(taken.get(lease)!)).toBe(true);
    await waitFor(async () => (await count(`select count(*) as n from events e join revolts r on r.id = e.revolt_id where e.type = 'revolt.opened' and r.target_id = $1`, [victimTarget])) > 0, 30_000);
    const ticksFrom = Date.now();
    await waitFor(async () => Date.now() - ticksFrom > 3_000, 10_000);
    expect(await count(`select count(*) as n from events where type = 'revolt.opened'`)).toBe(1);
    expect(await count(`select count(*) as n from revolts where target_id = $1`, [victimTarget])).toBe(1);
    const row = (await db.query(`select owner from detect_shards where id = $1`, [`${shardOf(victimTarget, SHARDS)}/${SHARDS}`])).rows[0];
    expect(ownerOf(survivor)(row.owner)).toBe(true);
    expect(survivor.stderr()).toContain('revolt engine restored');
    expect(survivor.child.exitCode).toBeNull();
  }, 180_000);
});
