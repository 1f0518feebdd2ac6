import { describe, expect, it, vi } from 'vitest';
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
    const { main } = await import('../../src/cli/main.js');
    COMMANDS['later'] = { summary: 'a command for a later issue' };
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      expect(await main(['later'])).toBe(2);
    } finally {
      spy.mockRestore();
      delete COMMANDS['later'];
    }
    expect(written.join('')).toContain('backlash later: not built yet');
  });

  it('bench lists the benchmarks and refuses an unknown one', async () => {
    const list = await runCli(['bench', '--help']);
    expect(list.code).toBe(0);
    for (const name of ['classify', 'feeds', 'revolts', 'load']) expect(list.stdout).toContain(name);
    const bad = await runCli(['bench', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown benchmark "nope"');
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
    expect(lines[0].topics.map((t: { id: string }) => t.id)).toContain('lost-items');
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
