/** Web Crypto only (runs on Node 20+ and Workers): random tokens, SHA-256, constant-time compare. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random token of `length` characters from a 57-letter alphabet (~5.8 bits each). */
export function randomToken(length = 40): string {
  const bytes = new Uint8Array(length * 2);
  crypto.getRandomValues(bytes);
  let out = '';
  // rejection sampling keeps every letter equally likely
  for (let i = 0; i < bytes.length && out.length < length; i++) if (bytes[i] < 228) out += ALPHABET[bytes[i] % 57];
  return out.length === length ? out : out + randomToken(length - out.length);
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
