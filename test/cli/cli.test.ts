import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/context.js';
import { COMMANDS } from '../../src/cli/main.js';

describe('backlash CLI', () => {
  it('prints usage and exits 2 without a command, 0 with --help', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('usage: backlash <command>');
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(help.stdout).toContain(name);
  });

  it('rejects an unknown command with exit code 2', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });

  it('says a command is not built yet and exits non-zero', async () => {
    const unbuilt = Object.entries(COMMANDS).filter(([, c]) => !c.load).map(([n]) => n);
    for (const name of unbuilt) {
      const r = await runCli([name]);
      expect(r.code, name).toBe(2);
      expect(r.stderr).toContain('not built yet');
    }
  });

  it('migrate creates a SQLite database at BACKLASH_DB and is idempotent', async () => {
    const dir = tmpDir();
    const db = path.join(dir, 'sub', 'b.db');
    const first = await runCli(['migrate'], { env: { BACKLASH_DB: db } });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('applied');
    expect(fs.existsSync(db)).toBe(true);
    const second = await runCli(['migrate'], { env: { BACKLASH_DB: db } });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('up to date');
  });

  it('migrate exits 1 with a clear message when DATABASE_URL is unreachable', async () => {
    const r = await runCli(['migrate'], { env: { DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot reach PostgreSQL');
    expect(r.stderr).not.toContain('secret');
  });

  it('classify follows the JSONL contract: one line per input, in order, errors inline, stdout clean', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'My luggage is lost and nobody answers. Terrible.' }),
      'not json at all',
      JSON.stringify({ id: 'b', text: 'Great crew, thank you!', lang: 'en' }),
      JSON.stringify({ id: 'c' }),
      JSON.stringify({ id: 'd', text: 'I will sue you, lawyer is on it' }),
    ].join('\n');
    const r = await runCli(['classify'], { input });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ id: 'a', lang: 'en', sentiment: { label: 'negative' }, complaint: { is: true } });
    expect(lines[0].sentiment.score).toBeGreaterThanOrEqual(-1);
    expect(lines[0].sentiment.score).toBeLessThan(0);
    expect(lines[0].topics.map((t: { id: string }) => t.id)).toContain('lost-luggage');
    expect(lines[1]).toHaveProperty('error');
    expect(lines[2]).toMatchObject({ id: 'b', sentiment: { label: 'positive' }, complaint: { is: false } });
    expect(lines[3]).toMatchObject({ id: 'c' });
    expect(lines[3]).toHaveProperty('error');
    expect(lines[4].escalation.map((e: { id: string }) => e.id)).toContain('legal');
    expect(lines[0]).not.toHaveProperty('explain');
    const explained = await runCli(['classify', '--explain'], { input: JSON.stringify({ id: 'x', text: 'terrible' }) });
    expect(JSON.parse(explained.stdout)).toHaveProperty('explain');
  });
});
