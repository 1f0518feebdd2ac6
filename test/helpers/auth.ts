/** API keys for tests: real keys in the test database, sent as Bearer headers. */
import type { AppContext } from '../../src/context.js';
import { createApiKey } from '../../src/auth/keys.js';
import type { Role } from '../../src/auth/roles.js';

export async function keyFor(ctx: Pick<AppContext, 'db'>, role: Role, name = `test-${role}`): Promise<{ key: string; id: string; headers: Record<string, string> }> {
  const made = await createApiKey(ctx, { role, name, createdBy: 'test', now: Date.now() });
  return { key: made.key, id: made.info.id, headers: { Authorization: `Bearer ${made.key}` } };
}

export async function keysForAllRoles(ctx: Pick<AppContext, 'db'>): Promise<Record<Role, Record<string, string>>> {
  return { viewer: (await keyFor(ctx, 'viewer')).headers, agent: (await keyFor(ctx, 'agent')).headers, admin: (await keyFor(ctx, 'admin')).headers };
}
