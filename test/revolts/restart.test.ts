import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { startService, waitFor } from '../helpers/cli.js';
import { tmpDir } from '../helpers/context.js';

interface Listed {
  id: string;
  key: string;
  target: string;
}

async function revolts(url: string): Promise<Listed[]> {
  const res = await fetch(`${url}/api/revolts?status=all`);
  const body = (await res.json()) as Listed[] | { items: Listed[] };
  return Array.isArray(body) ? body : body.items;
}

/** Where the detector has got to (the time of the last verdict it fed), from its row in kv. */
function detectorCursor(db: string): number {
  const sqlite = new SQLite(db, { readonly: true });
  try {
    const row = sqlite.prepare(`select value from kv where key = 'revolts.cursor'`).get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as { at: number }).at : -1;
  } finally {
    sqlite.close();
  }
}

describe('a live service killed mid-stream', () => {
  it('comes back with the same revolts and announces none of them twice', async () => {
    const dir = tmpDir();
    const db = path.join(dir, 'backlash.db');
    const config = path.join(dir, 'backlash.config.yaml');
    fs.writeFileSync(config, 'demo:\n  enabled: true\n  speed: 300\n');
    const env = { BACKLASH_DB: db, BACKLASH_CONFIG: config, LOG_LEVEL: 'info' };

    const first = await startService(env);
    const before = await waitFor(async () => {
      const list = await revolts(first.url);
      return list.length > 0 ? list : null;
    }, 240_000, 1000);
    first.child.kill('SIGKILL'); // no clean shutdown: the process just dies
    await first.exited;
    const killedAt = detectorCursor(db);
    expect(killedAt).toBeGreaterThan(0);

    const second = await startService(env);
    // The restarted detector rebuilds its engine from the store, then judges the stream on: wait until
    // it has moved its cursor past where the first process died, i.e. fed verdicts the first never saw.
    // (The demo stream replays from its start and its posts are deduplicated, so new verdicts only
    // arrive once the replay passes the point of the kill.)
    await waitFor(async () => detectorCursor(db) > killedAt, 200_000, 250);
    expect(second.stderr()).toContain('revolt engine restored');
    const after = await revolts(second.url);
    second.child.kill('SIGTERM');
    await second.exited;

    for (const r of before) expect(after.map((x) => x.id)).toContain(r.id);
    const sqlite = new SQLite(db, { readonly: true });
    const opened = sqlite.prepare(`select e.revolt_id as id, r.target_id as target, r.key as key, r.opened_at as openedAt, coalesce(r.resolved_at, 9e15) as resolvedAt from events e join revolts r on r.id = e.revolt_id where e.type = 'revolt.opened'`).all() as { id: string; target: string; key: string; openedAt: number; resolvedAt: number }[];
    sqlite.close();
    // one announcement per revolt, and no second revolt opened on a key while the first was open
    expect(new Set(opened.map((o) => o.id)).size).toBe(opened.length);
    for (const a of opened) for (const b of opened) if (a !== b && a.target === b.target && a.key === b.key) expect(b.openedAt >= a.resolvedAt || a.openedAt >= b.resolvedAt).toBe(true);
  }, 500_000);
});
