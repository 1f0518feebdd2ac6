import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
export const BIN = path.join(ROOT, 'bin', 'backlash.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `backlash ARGS` as a real process, feeding `input` on stdin. */
export function runCli(args: string[], opts: { input?: string; env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env: cleanEnv(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** The environment for a child: the parent's, minus what would change its behaviour, plus `extra`. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'BACKLASH_CONFIG', 'BACKLASH_DB', 'PORT', 'VITEST', 'VITEST_WORKER_ID', 'VITEST_POOL_ID', 'NODE_OPTIONS']) delete env[k];
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
  else env[k] = v;
  return env;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface Service {
  child: ChildProcess;
  url: string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts `backlash serve` on a free port and waits until /health answers. */
export async function startService(env: Record<string, string | undefined>, opts: { cwd?: string; waitMs?: number } = {}): Promise<Service> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve'], { cwd: opts.cwd ?? ROOT, env: cleanEnv({ PORT: String(port), ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  child.stdout!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.waitMs ?? 30_000);
  let done = false;
  exited.then(() => (done = true));
  while (!done && Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return { child, url, stderr: () => err, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill('SIGKILL');
  throw new Error(`service did not become healthy: ${err}`);
}

/** Stops services: SIGTERM, up to `graceMs` for them to exit, then SIGKILL for any left. */
export async function stopServices(services: Service[], graceMs = 10_000): Promise<void> {
  const running = (s: Service) => s.child.exitCode === null && s.child.signalCode === null;
  for (const s of services) if (running(s)) s.child.kill('SIGTERM');
  await Promise.all(services.map((s) => Promise.race([s.exited, new Promise((r) => setTimeout(r, graceMs))])));
  for (const s of services) if (running(s)) s.child.kill('SIGKILL');
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
}
