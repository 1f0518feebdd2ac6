/** Node parts of access control and the Rules page: peer address, rule files on disk, first-start key. */
import fs from 'node:fs';
import path from 'node:path';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppContext } from '../context.js';
import { bootstrapFirstAdmin, firstStartMessage } from '../auth/bootstrap.js';

export function nodeClientAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

const RULE_EXT = /\.(ya?ml|json|txt)$/i;
const MAX_RULE_FILES = 500;

/** Every rule file under `dir` (relative paths with forward slashes), read fresh on each call. */
export function ruleFilesReader(dir: string): () => Promise<{ path: string; text: string }[]> {
  return async () => {
    const out: { path: string; text: string }[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (out.length >= MAX_RULE_FILES) return;
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile() && RULE_EXT.test(e.name)) out.push({ path: path.relative(dir, p).split(path.sep).join('/'), text: fs.readFileSync(p, 'utf8') });
      }
    };
    if (fs.existsSync(dir)) walk(dir);
    return out;
  };
}

/** Prints the first-start admin key and sign-in link on stderr, once per database. */
export async function announceFirstStart(ctx: AppContext, baseUrl: string): Promise<void> {
  const made = await bootstrapFirstAdmin(ctx, Date.now());
  if (made) process.stderr.write(firstStartMessage(baseUrl, made) + '\n');
}
