/**
 * Discord webhook, one embed. Limits: title 256, description 4,096, 25 fields (name 256, value
 * 1,024), footer 2,048, 6,000 characters in all, counted on the text as sent (escapes and the
 * encoded link included) in UTF-16 units (see `units` in message.ts). Escaping: Discord markdown
 * is backslash-escaped, and allowed_mentions is empty so "@everyone" in a post pings nobody.
 */
import type { Provider } from './types.js';
import { clip, units, type Notice } from '../message.js';

export const DISCORD_LIMITS = { title: 256, description: 4_096, fields: 25, fieldName: 256, fieldValue: 1_024, footer: 2_048, total: 6_000 };

export function escapeDiscord(s: string): string {
  return s.replace(/[\\*_~`|>#\-[\]()<:!]/g, '\\$&').replace(/@/g, '@\u200b');
}

const COLORS: Record<string, number> = { P1: 0xd93025, P2: 0xf29900, P3: 0xf9ab00, P4: 0x5f6368 };

/** Escape, then cut so the escaped form fits (never cutting an escape in half). */
export function fitEscaped(raw: string, max: number): string {
  if (max <= 0) return '';
  let n = [...raw].length;
  let out = escapeDiscord(raw);
  while (units(out) > max && n > 0) {
    n = Math.floor(n * 0.9);
    out = escapeDiscord(clip(raw, n));
  }
  return units(out) > max ? '' : out;
}

/** The post's link as the field shows it, URL encoded where Discord's markdown would break on it. */
function postLink(url: string | null): string {
  if (!url) return '';
  const link = `\n[open post](<${url.replace(/[()<>]/g, encodeURIComponent)}>)`;
  return units(link) <= DISCORD_LIMITS.fieldValue / 2 ? link : ''; // a URL too long to leave room for the post is left out
}

export function embedSize(e: { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } }): number {
  const len = (s?: string) => (s ? units(s) : 0);
  return len(e.title) + len(e.description) + len(e.footer?.text) + (e.fields ?? []).reduce((a, f) => a + len(f.name) + len(f.value), 0);
}

export function discordPayload(n: Notice): Record<string, unknown> {
  const title = fitEscaped(n.title, DISCORD_LIMITS.title);
  const fields = n.fields.slice(0, 10).map((f) => ({ name: fitEscaped(f.name, 100), value: fitEscaped(f.value || '-', 300), inline: true }));
  for (const p of n.posts) {
    if (fields.length >= DISCORD_LIMITS.fields) break;
    const by = `${p.author}${p.followers ? ` (${p.followers.toLocaleString('en-US')} followers)` : ''} on ${p.source}`;
    // the link is measured as sent, and the post's text gets what it leaves of the field
    const link = postLink(p.url);
    const value = (fitEscaped(p.text, DISCORD_LIMITS.fieldValue - units(link)) || '-') + link;
    fields.push({ name: fitEscaped(by, 200), value, inline: false });
  }
  let description = fitEscaped(n.summary, 1_000);
  if (n.items?.length) {
    const lines = n.items.map((it) => `• ${fitEscaped(it.title, 150)} (severity ${Math.round(it.severity)})`);
    for (const l of lines) {
      if (units(description) + units(l) + 1 > 3_000) break;
      description += '\n' + l;
    }
  }
  const embed = { title, description, url: n.link ?? undefined, color: COLORS[n.priority] ?? COLORS.P4, fields, footer: { text: `Backlash · ${n.kind} · ${n.eventId}` }, timestamp: new Date(n.at).toISOString() };
  while (embedSize(embed) > DISCORD_LIMITS.total && embed.fields.length) embed.fields.pop();
  return { username: 'Backlash', embeds: [embed], allowed_mentions: { parse: [] } };
}

export const discord: Provider = {
  rateLimit: { requests: 5, perMs: 2_000 },
  async render(n) {
    return { body: JSON.stringify(discordPayload(n)), headers: { 'content-type': 'application/json' } };
  },
};
