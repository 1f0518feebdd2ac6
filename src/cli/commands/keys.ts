/**
 * backlash keys create --role viewer|agent|admin [--name N] [--link]
 * backlash keys list [--json]
 * backlash keys revoke ID
 * Keys go into the same database the service uses (BACKLASH_DB / DATABASE_URL / config). The key
 * itself is printed once, on stdout; only its SHA-256 is stored.
 */
import { readConfig } from '../../entry/node.js';
import { openDb } from '../../entry/open-db.js';
import { migrateToLatest } from '../../store/migrate.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../auth/keys.js';
import { createSigninLink } from '../../auth/sessions.js';
import { isRole, ROLES } from '../../auth/roles.js';
import { writeAudit } from '../../store/audit.js';

const USAGE = `usage:
  backlash keys create --role ${ROLES.join('|')} [--name NAME] [--link]   print a new key (and a one-time sign-in link)
  backlash keys list [--json]                                   list keys (never the keys themselves)
  backlash keys revoke ID                                       revoke a key and end its sessions
`;

function fail(msg: string): number {
  process.stderr.write(`backlash keys: ${msg}\n\n${USAGE}`);
  return 2;
}

function flags(args: string[], known: Record<string, boolean>): { values: Record<string, string | true>; rest: string[] } | string {
  const values: Record<string, string | true> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      rest.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split('=', 2);
    if (!(name in known)) return `unknown option --${name}`;
    if (!known[name]) values[name] = true;
    else if (inline !== undefined) values[name] = inline;
    else if (i + 1 < args.length && !args[i + 1].startsWith('--')) values[name] = args[++i];
    else return `--${name} needs a value`;
  }
  return { values, rest };
}

/** The keys as JSONL (`--json`) or a tab-separated table. */
function printKeys(keys: Awaited<ReturnType<typeof listApiKeys>>, json: boolean): void {
  if (json) for (const k of keys) process.stdout.write(JSON.stringify(k) + '\n');
  else {
    process.stdout.write(['id', 'role', 'name', 'prefix', 'created', 'last used', 'state'].join('\t') + '\n');
    for (const k of keys) {
      const t = (ms: number | null) => (ms ? new Date(ms).toISOString().slice(0, 16) + 'Z' : '-');
      process.stdout.write([k.id, k.role, k.name, `${k.prefix}…`, t(k.createdAt), t(k.lastUsedAt), k.revokedAt ? `revoked ${t(k.revokedAt)}` : 'active'].join('\t') + '\n');
    }
  }
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...args] = argv;
  if (!sub || sub === '--help' || sub === '-h') {
    process.stdout.write(USAGE);
    return sub ? 0 : 2;
  }
  const spec: Record<string, Record<string, boolean>> = { create: { role: true, name: true, link: false }, list: { json: false }, revoke: {} };
  if (!(sub in spec)) return fail(`unknown subcommand "${sub}"`);
  const parsed = flags(args, spec[sub]);
  if (typeof parsed === 'string') return fail(parsed);
  const { values, rest } = parsed;
  if (sub === 'create' && !isRole(values.role)) return fail(`--role: expected one of ${ROLES.join(', ')}`);
  if (sub === 'create' && typeof values.name === 'string' && !values.name.trim()) return fail('--name: expected a non-empty name');
  if (sub === 'revoke' && rest.length !== 1) return fail('revoke: expected one key id (see `backlash keys list`)');
  if (sub !== 'revoke' && rest.length) return fail(`unexpected argument ${rest[0]}`);

  let opened: Awaited<ReturnType<typeof openDb>>;
  let publicUrl: string | undefined;
  try {
    const config = readConfig(process.env);
    publicUrl = config.server.publicUrl;
    opened = await openDb({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  } catch (err) {
    process.stderr.write(`backlash keys: ${(err as Error).message}\n`);
    return 1;
  }
  try {
    await migrateToLatest(opened.db);
    const ctx = { db: opened.db };
    const now = Date.now();
    if (sub === 'create') {
      const made = await createApiKey(ctx, { role: values.role as (typeof ROLES)[number], name: typeof values.name === 'string' ? values.name : undefined, createdBy: 'cli', now });
      await writeAudit(ctx, { at: now, actor: 'cli', action: 'key.created', entityType: 'api_key', entityId: made.info.id, detail: { role: made.info.role, name: made.info.name } });
      process.stdout.write(made.key + '\n');
      process.stderr.write(`created ${made.info.role} key ${made.info.id} (${made.info.name}) in ${opened.where}; it is shown only this once\n`);
      if (values.link) {
        const token = await createSigninLink(ctx, made.info.id, now);
        process.stderr.write(`one-time sign-in link: ${(publicUrl ?? 'http://localhost:8787').replace(/\/$/, '')}/signin/link/${token}\n`);
      }
    } else if (sub === 'list') {
      printKeys(await listApiKeys(ctx), values.json === true);
    } else {
      const id = rest[0];
      if (!(await revokeApiKey(ctx, id, now))) {
        process.stderr.write(`backlash keys: no active key with id ${id}\n`);
        return 1;
      }
      await writeAudit(ctx, { at: now, actor: 'cli', action: 'key.revoked', entityType: 'api_key', entityId: id });
      process.stderr.write(`revoked ${id}\n`);
    }
    return 0;
  } catch (err) {
    process.stderr.write(`backlash keys: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await opened.close();
  }
}
