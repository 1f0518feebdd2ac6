import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runCli, startService, waitFor, type Service } from '../helpers/cli.js';
import { tmpDir } from '../helpers/context.js';

const started: Service[] = [];
afterEach(() => {
  for (const s of started.splice(0)) if (s.child.exitCode === null) s.child.kill('SIGKILL');
});

function configFile(text: string): string {
  const file = path.join(tmpDir(), 'backlash.config.yaml');
  fs.writeFileSync(file, text);
  return file;
}

describe('backlash serve (a real process)', () => {
  it('serves health, the dashboard and the API, then shuts down cleanly on SIGTERM', async () => {
    const dir = tmpDir();
    const s = await startService({ BACKLASH_CONFIG: configFile('targets:\n  - id: acme\n    name: Acme\n'), BACKLASH_DB: path.join(dir, 'b.db') });
    started.push(s);
    const health = await (await fetch(`${s.url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', demo: false, dialect: 'sqlite' });
    // first start: an admin key and a one-time sign-in link on the console; nothing is open without them
    const key = await waitFor(async () => /Admin API key:\s+(bk_[A-Za-z0-9]{40})/.exec(s.stderr())?.[1], 10_000);
    expect(s.stderr()).toMatch(/Sign in \(one-time link, valid 24 h\):\s+http:\/\/localhost:\d+\/signin\/link\/[A-Za-z0-9]{43}/);
    expect((await fetch(`${s.url}/api/revolts`)).status).toBe(401);
    expect((await fetch(`${s.url}/`, { redirect: 'manual' })).status).toBe(303);
    const auth = { headers: { Authorization: `Bearer ${key}` } };
    const page = await fetch(`${s.url}/`, auth);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Open revolts');
    expect(await (await fetch(`${s.url}/api/revolts`, auth)).json()).toEqual({ items: [], nextCursor: null });
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.stderr()).toContain('"msg":"stopped"');
    // logs are structured JSON lines on stderr
    const logLine = s.stderr().split('\n').find((l) => l.includes('"msg":"listening"'));
    expect(JSON.parse(logLine!)).toMatchObject({ level: 'info', msg: 'listening' });
    // the key is printed once: a second start on the same database prints none, and the key still works
    const again = await startService({ BACKLASH_CONFIG: configFile('targets:\n  - id: acme\n    name: Acme\n'), BACKLASH_DB: path.join(dir, 'b.db') });
    started.push(again);
    expect((await fetch(`${again.url}/api/revolts`, auth)).status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    expect(again.stderr()).not.toContain('Admin API key');
  });

  it('runs the built-in demo through the real pipeline: posts classified and a revolt opened by the detector', async () => {
    // The demo at 600x instead of 60x, so the test takes seconds rather than a minute.
    const s = await startService({ BACKLASH_CONFIG: configFile('demo:\n  enabled: true\n  speed: 600\n'), BACKLASH_DB: path.join(tmpDir(), 'demo.db') });
    started.push(s);
    expect(await (await fetch(`${s.url}/health`)).json()).toMatchObject({ status: 'ok', demo: true });
    const posts = await waitFor(async () => {
      const body = (await (await fetch(`${s.url}/api/posts`)).json()) as { items: { classification: unknown }[] };
      return body.items.length > 0 && body.items.every((p) => p.classification) ? body.items : null;
    }, 20_000);
    expect(posts.length).toBeGreaterThan(0);
    const revolts = await waitFor(async () => {
      const body = (await (await fetch(`${s.url}/api/revolts`)).json()) as { items: { target: string; explain: { detector?: string } }[] };
      return body.items.length ? body.items : null;
    }, 60_000);
    expect(revolts[0].explain.detector).toBeTruthy();
    const page = await (await fetch(`${s.url}/`)).text();
    expect(page).toContain('Built-in demo');
    s.child.kill('SIGINT');
    expect(await s.exited).toBe(0);
  }, 90_000);

  it('refuses a second instance on a busy port with a clear message', async () => {
    const s = await startService({ BACKLASH_CONFIG: configFile('targets: [{ id: acme }]\n'), BACKLASH_DB: path.join(tmpDir(), 'a.db') });
    started.push(s);
    const port = new URL(s.url).port;
    const r = await runCli(['serve'], { env: { PORT: port, BACKLASH_CONFIG: configFile('targets: [{ id: acme }]\n'), BACKLASH_DB: path.join(tmpDir(), 'b.db') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`port ${port} is already in use`);
  });

  it('refuses to start on a broken config, naming the file and the key', async () => {
    const file = configFile('targets:\n  - id: acme\n    colour: red\n');
    const r = await runCli(['serve'], { env: { BACKLASH_CONFIG: file, PORT: '0' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('configuration error');
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain('unknown key "targets.0.colour"');
  });

  it('refuses to start when BACKLASH_CONFIG names a missing file', async () => {
    const r = await runCli(['serve'], { env: { BACKLASH_CONFIG: '/does/not/exist.yaml', PORT: '0' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/does/not/exist.yaml');
  });

  it('exits non-zero with a clear message when DATABASE_URL is unreachable', async () => {
    const r = await runCli(['serve'], { env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test', PORT: '0' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot reach PostgreSQL');
  });
});
