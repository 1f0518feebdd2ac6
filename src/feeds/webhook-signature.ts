/**
 * Standard Webhooks-style signatures (https://www.standardwebhooks.com): headers `webhook-id`,
 * `webhook-timestamp` (Unix seconds) and `webhook-signature` (space-separated `v1,<base64>`), where
 * the signature is HMAC-SHA256 over `${id}.${timestamp}.${body}`. A secret `whsec_<base64>` is used
 * as its decoded bytes, any other secret as its UTF-8 bytes. Web Crypto only, so it runs on Workers.
 */

export type VerifyResult = { ok: true } | { ok: false; reason: string };

function secretBytes(secret: string): Uint8Array {
  if (secret.startsWith('whsec_')) {
    try {
      const bin = atob(secret.slice(6));
      return Uint8Array.from(bin, (c) => c.charCodeAt(0));
    } catch {
      // not base64 after all: fall through to the raw bytes
    }
  }
  return new TextEncoder().encode(secret);
}

async function hmac(secret: string, payload: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', secretBytes(secret) as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(payload) as BufferSource));
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(s: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export async function signWebhook(secret: string, id: string, timestampSec: number, body: string): Promise<string> {
  return `v1,${toBase64(await hmac(secret, `${id}.${timestampSec}.${body}`))}`;
}

export async function verifyWebhook(
  secret: string,
  headers: { id?: string | null; timestamp?: string | null; signature?: string | null },
  body: string,
  nowMs: number,
  toleranceSec: number,
): Promise<VerifyResult> {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature header' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'webhook-timestamp: expected Unix seconds' };
  const skew = Math.abs(nowMs / 1000 - Number(timestamp));
  if (skew > toleranceSec) return { ok: false, reason: `webhook-timestamp is ${Math.round(skew)}s away from now (tolerance ${toleranceSec}s)` };
  const expected = await hmac(secret, `${id}.${timestamp}.${body}`);
  for (const part of signature.split(' ')) {
    const [version, value] = part.split(',', 2);
    if (version !== 'v1' || !value) continue;
    const got = fromBase64(value);
    if (got && equalBytes(got, expected)) return { ok: true };
  }
  return { ok: false, reason: 'no v1 signature matches' };
}
