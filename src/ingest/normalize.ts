/** Pure clean-up applied to every post before it is stored, whatever its source. */
import type { NormalizedPost } from '../types.js';

export const MAX_TEXT_CHARS = 10_000;

/** Collapses whitespace, strips control characters, and caps length. */
export function cleanText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[ \t\r\f\v]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, MAX_TEXT_CHARS);
}

/** Only http(s) links survive: anything else (javascript:, data:) is dropped. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

export function normalizePost(p: NormalizedPost, now: number): NormalizedPost {
  const published = Number.isFinite(p.publishedAt) ? p.publishedAt : now;
  return {
    ...p,
    externalId: String(p.externalId).slice(0, 512),
    url: safeUrl(p.url),
    text: cleanText(p.text ?? ''),
    lang: p.lang ? p.lang.toLowerCase().slice(0, 8) : null,
    // a date in the future is clamped to now: it must not sit at the top of every window forever
    publishedAt: Math.min(published, now),
    author: {
      id: String(p.author?.id ?? 'unknown').slice(0, 256),
      name: p.author?.name ?? null,
      handle: p.author?.handle ?? null,
      followers: Number.isFinite(p.author?.followers) ? Math.max(0, Math.floor(p.author!.followers!)) : null,
    },
  };
}
