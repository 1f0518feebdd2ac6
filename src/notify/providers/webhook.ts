/**
 * A generic webhook signed the Standard Webhooks way (https://www.standardwebhooks.com):
 * webhook-id (the event id: the same on every retry, so receivers can dedupe), webhook-timestamp
 * (seconds), webhook-signature "v1,<base64 HMAC-SHA256 of id.timestamp.body>", one signature per
 * secret during a rotation. Web Crypto only, so it runs on Workers too. The body is JSON; post
 * text in it is raw and untrusted: escape it where you display it.
 */
import type { Provider } from './types.js';
import type { Notice } from '../message.js';

const enc = new TextEncoder();

/** "whsec_<base64>" secrets are base64 key bytes (the Standard Webhooks form); others are UTF-8. */
export function secretBytes(secret: string): Uint8Array {
  if (secret.startsWith('whsec_')) {
    const bin = atob(secret.slice(6));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  }
  return enc.encode(secret);
}

function toBase64(bytes: ArrayBuffer): string {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s);
}

export async function sign(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', secretBytes(secret) as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return 'v1,' + toBase64(await crypto.subtle.sign('HMAC', key, enc.encode(`${id}.${timestamp}.${body}`)));
}

export function webhookPayload(n: Notice): Record<string, unknown> {
  return { type: n.kind, timestamp: new Date(n.at).toISOString(), data: n };
}

export const webhook: Provider = {
  rateLimit: { requests: 10, perMs: 1_000 },
  async render(n, channel, rc) {
    const body = JSON.stringify(webhookPayload(n));
    const timestamp = Math.floor(rc.now / 1000);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'webhook-id': rc.messageId, 'webhook-timestamp': String(timestamp) };
    const secrets = [channel.secret, ...channel.previousSecrets].filter((s): s is string => Boolean(s));
    if (secrets.length) headers['webhook-signature'] = (await Promise.all(secrets.map((s) => sign(s, rc.messageId, timestamp, body)))).join(' ');
    return { body, headers };
  },
};
