/**
 * A local webhook receiver on 127.0.0.1 for the notifier tests. It records every request and
 * checks it the way each platform would: Slack Block Kit limits, Discord embed limits, the Teams
 * Adaptive Card envelope and size, and Standard Webhooks signatures (verified here with node:crypto,
 * independently of the code under test). A script decides each answer (status, Retry-After, a
 * delay or a hang), and "processed" counts each idempotency key once, like a receiver that dedupes.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: unknown;
  key: string | null; // webhook-id or idempotency-key
  answered: number | null; // status sent back (null: never answered)
}

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
  hang?: boolean; // never answer (the client times out)
}

export type Script = (req: Received, n: number) => Answer;

export interface Receiver {
  url: string;
  received: Received[];
  /** Keys answered with 2xx, each counted once (an idempotent receiver's view). */
  processed: Map<string, number>;
  setScript(s: Script): void;
  /** Resolves once every delayed answer scripted so far has been sent (hangs never are). */
  answered(): Promise<void>;
  /** Stop listening (connections are refused, as when the receiver is down), and listen again on the same port. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(script: Script = () => ({ status: 200 })): Promise<Receiver> {
  let current = script;
  const received: Received[] = [];
  const processed = new Map<string, number>();
  const hanging = new Set<http.ServerResponse>();
  const delayed = new Set<Promise<void>>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        /* recorded as null */
      }
      const key = (req.headers['webhook-id'] as string | undefined) ?? (req.headers['idempotency-key'] as string | undefined) ?? null;
      const rec: Received = { path: req.url ?? '/', headers: req.headers, body, json, key, answered: null };
      received.push(rec);
      const a = current(rec, received.length);
      if (a.hang) {
        hanging.add(res);
        return;
      }
      const answer = () => {
        const status = a.status ?? 200;
        rec.answered = status;
        if (status >= 200 && status < 300 && key) processed.set(key, (processed.get(key) ?? 0) + 1);
        res.writeHead(status, { 'content-type': 'text/plain', ...(a.headers ?? {}) });
        res.end(a.body ?? (status < 300 ? 'ok' : 'error'));
      };
      if (a.delayMs) {
        const sent: Promise<void> = new Promise((resolve) => setTimeout(resolve, a.delayMs)).then(() => {
          delayed.delete(sent);
          answer();
        });
        delayed.add(sent);
      } else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    processed,
    setScript(s) {
      current = s;
    },
    async answered() {
      while (delayed.size > 0) await Promise.all([...delayed]);
    },
    async down() {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async up() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
    },
    async close() {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Standard Webhooks verification, as a receiver written from the spec would do it. */
export function verifyStandardWebhook(r: Received, secrets: string[], now = Date.now(), toleranceS = 300): string[] {
  const id = r.headers['webhook-id'] as string | undefined;
  const ts = r.headers['webhook-timestamp'] as string | undefined;
  const sig = r.headers['webhook-signature'] as string | undefined;
  if (!id || !ts || !sig) return ['missing webhook-id, webhook-timestamp or webhook-signature'];
  if (!/^\d+$/.test(ts)) return ['webhook-timestamp is not integer seconds'];
  if (Math.abs(now / 1000 - Number(ts)) > toleranceS) return ['webhook-timestamp outside tolerance'];
  const given = sig.split(' ').map((s) => s.split(',', 2));
  for (const secret of secrets) {
    const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
    const expected = crypto.createHmac('sha256', key).update(`${id}.${ts}.${r.body}`).digest();
    if (given.some(([v, s]) => v === 'v1' && s === expected.toString('base64'))) return [];
  }
  return ['no signature matches'];
}

// limits counted in UTF-16 units: never fewer than code points, so within them is within either reading (issue 16)
const len = (s: unknown) => (typeof s === 'string' ? s.length : 0);

/** Slack incoming-webhook rules we rely on: blocks ≤ 50, section text < 3,000, ≤ 10 fields of ≤ 2,000, header ≤ 150. */
export function verifySlack(json: any): string[] {
  const p: string[] = [];
  if (!json || typeof json.text !== 'string') p.push('missing fallback text');
  if (!Array.isArray(json?.blocks) || json.blocks.length === 0 || json.blocks.length > 50) p.push('blocks: expected 1-50');
  for (const b of json?.blocks ?? []) {
    if (b.type === 'header' && (b.text?.type !== 'plain_text' || len(b.text.text) > 150)) p.push('header: plain_text ≤ 150');
    if (b.type === 'section') {
      if (b.text && len(b.text.text) >= 3000) p.push(`section text ${len(b.text.text)} ≥ 3000`);
      if (b.fields && (b.fields.length > 10 || b.fields.some((f: any) => len(f.text) > 2000))) p.push('section fields: ≤ 10 of ≤ 2000');
      if (!b.text && !b.fields) p.push('section without text or fields');
    }
  }
  return p;
}

/** Discord embed limits: title 256, description 4,096, 25 fields (name 256, value 1,024), footer 2,048, 6,000 in all, ≤ 10 embeds. */
export function verifyDiscord(json: any): string[] {
  const p: string[] = [];
  const embeds = json?.embeds;
  if (!Array.isArray(embeds) || embeds.length === 0 || embeds.length > 10) return ['embeds: expected 1-10'];
  let total = 0;
  for (const e of embeds) {
    if (len(e.title) > 256) p.push('title > 256');
    if (len(e.description) > 4096) p.push('description > 4096');
    if ((e.fields ?? []).length > 25) p.push('more than 25 fields');
    for (const f of e.fields ?? []) {
      if (len(f.name) > 256 || len(f.name) === 0) p.push('field name not 1-256');
      if (len(f.value) > 1024 || len(f.value) === 0) p.push('field value not 1-1024');
    }
    if (len(e.footer?.text) > 2048) p.push('footer > 2048');
    total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name) + (e.fields ?? []).reduce((a: number, f: any) => a + len(f.name) + len(f.value), 0);
  }
  if (total > 6000) p.push(`embeds total ${total} > 6000`);
  if (!json.allowed_mentions || (json.allowed_mentions.parse ?? []).length !== 0) p.push('allowed_mentions must disable pings');
  return p;
}

/** Teams Workflows webhook: a "message" with one Adaptive Card attachment, under ~28 KB. */
export function verifyTeams(json: any, body: string): string[] {
  const p: string[] = [];
  if (json?.type !== 'message') p.push('type: expected "message"');
  const a = json?.attachments?.[0];
  if (!a || a.contentType !== 'application/vnd.microsoft.card.adaptive') p.push('attachments[0].contentType: expected adaptive card');
  if (a?.content?.type !== 'AdaptiveCard' || !a?.content?.version || !Array.isArray(a?.content?.body)) p.push('content: expected an AdaptiveCard with version and body');
  if (Buffer.byteLength(body) > 28_000) p.push(`payload ${Buffer.byteLength(body)} bytes > 28 KB`);
  return p;
}
