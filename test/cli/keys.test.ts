import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/context.js';

describe('backlash keys', () => {
  it('creates a key (printed once, stored hashed), lists it without the key, and revokes it', async () => {
    const env = { BACKLASH_DB: path.join(tmpDir(), 'k.db') };
    const made = await runCli(['keys', 'create', '--role', 'agent', '--name', 'ana'], { env });
    expect(made.code).toBe(0);
    const key = made.stdout.trim();
    expect(key).toMatch(/^bk_[A-Za-z0-9]{40}$/);
    const id = /created agent key (k_\w+) \(ana\)/.exec(made.stderr)![1];
    const list = await runCli(['keys', 'list', '--json'], { env });
    expect(list.code).toBe(0);
    const rows = list.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toMatchObject([{ id, name: 'ana', role: 'agent', revokedAt: null }]);
    expect(list.stdout).not.toContain(key);
    expect((await runCli(['keys', 'revoke', id], { env })).code).toBe(0);
    const after = (await runCli(['keys', 'list', '--json'], { env })).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(after[0].revokedAt).toBeTypeOf('number');
    const again = await runCli(['keys', 'revoke', id], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`no active key with id ${id}`);
  }, 180_000);

  it('refuses bad usage with exit code 2 and says what was expected', async () => {
    const env = { BACKLASH_DB: path.join(tmpDir(), 'k.db') };
    const noRole = await runCli(['keys', 'create'], { env });
    expect(noRole.code).toBe(2);
    expect(noRole.stderr).toContain('--role: expected one of viewer, agent, admin');
    expect((await runCli(['keys', 'create', '--role', 'owner'], { env })).code).toBe(2);
    expect((await runCli(['keys', 'revoke'], { env })).code).toBe(2);
    expect((await runCli(['keys', 'rotate'], { env })).stderr).toContain('unknown subcommand "rotate"');
  }, 180_000);
});
