/**
 * Kill a real `backlash serve` (SIGKILL) with deliveries pending, restart it, and check that every
 * delivery arrives and that no idempotency key is processed twice by an idempotent receiver.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { startService, waitFor, type Service } from '../helpers/cli.js';
import { tmpDir, testConfig } from '../helpers/context.js';
import { startReceiver, verifyStandardWebhook, type Receiver } from '../helpers/webhook-receiver.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { enqueueNotice } from '../../src/notify/outbox.js';
import { revoltNotice } from '../../src/notify/message.js';
import type { DB } from '../../src/store/schema.js';

const N = 30;
const SECRET = 'crash-test-secret-0123456789';

describe('outbox across a crash', () => {
  const dir = tmpDir('backlash-crash-');
  const dbFile = path.join(dir, 'crash.db');
  let rx: Receiver;
  let svc: Service | null = null;
  afterAll(async () => {
    svc?.child.kill('SIGKILL');
    await rx?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('delivers everything pending after SIGKILL and restart, none twice under the same key', { timeout: 120_000 }, async () => {
    rx = await startReceiver(() => ({ status: 200, delayMs: 100 }));
    const yaml = `
demo: { enabled: false }
notifications:
  timeout: 1s
  channels:
    - { id: hook, type: webhook, url: "${rx.url}/hook", secret: "${SECRET}", rateLimit: { requests: 4, per: 1s } }
`;
    fs.writeFileSync(path.join(dir, 'backlash.config.yaml'), yaml);
    // the events and their outbox rows exist before the service starts (as after a crash upstream)
    const sqlite = new SQLite(dbFile);
    sqlite.pragma('journal_mode = WAL');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrateToLatest(db);
    const config = testConfig(yaml);
    const now = Date.now();
    for (let i = 0; i < N; i++) {
      const notice = revoltNotice({ kind: 'revolt.opened', eventId: `e_crash_${i}`, at: now, label: `Revolt ${i}`, target: 'acme', severity: 60, priority: 'P3', stage: 'emerging', posts: 10, authors: 6, team: 'care', topPosts: [], link: null });
      await enqueueNotice({ db }, { notice, channels: config.notifications.channels, subject: notice.eventId, at: now });
    }
    await db.destroy();

    const env = { BACKLASH_CONFIG: path.join(dir, 'backlash.config.yaml'), BACKLASH_DB: dbFile, LOG_LEVEL: 'warn' };
    svc = await startService(env, { waitMs: 60_000 });
    await waitFor(async () => rx.processed.size >= 8, 60_000, 50);
    svc.child.kill('SIGKILL');
    await svc.exited;
    const atKill = rx.processed.size;
    expect(atKill).toBeLessThan(N); // deliveries were pending when it died

    svc = await startService(env, { waitMs: 60_000 });
    await waitFor(async () => rx.processed.size >= N, 60_000, 100);
    svc.child.kill('SIGTERM');
    await svc.exited;
    svc = null;

    const keys = [...rx.processed.keys()].sort();
    expect(keys).toEqual(Array.from({ length: N }, (_, i) => `e_crash_${i}`).sort());
    for (const r of rx.received) expect(verifyStandardWebhook(r, [SECRET])).toEqual([]);
    // at least once: a request in flight at the kill may arrive again, always under its own key;
    // with one destination sent to in order, at most the one in flight is repeated
    const repeats = rx.received.length - N;
    expect(repeats).toBeGreaterThanOrEqual(0);
    expect(repeats).toBeLessThanOrEqual(1);
    const check = new SQLite(dbFile, { readonly: true });
    const rows = check.prepare("select status, count(*) as n from outbox group by status").all();
    check.close();
    expect(rows).toEqual([{ status: 'delivered', n: N }]);
    process.stderr.write(`crash test: ${atKill}/${N} delivered before SIGKILL, ${rx.received.length} requests in all, ${repeats} repeated under the same key\n`);
  });
});
