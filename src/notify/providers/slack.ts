/**
 * Slack incoming webhook, Block Kit. Limits: header 150 characters, a section's text under 3,000,
 * 10 fields of 2,000, 50 blocks. Slack documents "characters" without saying which: not bytes (a
 * 2,500-character Japanese text passes a 3,000 limit), and code points or UTF-16 units we cannot
 * tell from outside, so every limit is counted in UTF-16 units, never fewer than code points, on
 * the text as sent (escaped, links encoded). Escaping: &, < and > (so "<!channel>" or
 * "<url|label>" in a post cannot ping or forge a link); our own links are built with URLs we have
 * checked.
 */
import type { Provider } from './types.js';
import { clip, clipUnits, units, type Notice } from '../message.js';

export const SLACK_SECTION_MAX = 2_990; // Slack rejects 3,000 and above
const SLACK_HEADER_MAX = 150;

export function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slackUrl(u: string): string {
  return u.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C').replace(/ /g, '%20');
}

const link = (url: string, label: string) => `<${slackUrl(url)}|${escapeSlack(label).replace(/\|/g, '¦')}>`;

/** Fit an escaped string under max: clip the raw text until the escaped form fits. */
function fit(raw: string, max: number, wrap: (escaped: string) => string): string {
  let n = [...raw].length;
  let out = wrap(escapeSlack(raw));
  while (units(out) > max && n > 0) {
    n = Math.floor(n * 0.9);
    out = wrap(escapeSlack(clip(raw, n)));
  }
  return out;
}

export function slackPayload(n: Notice): Record<string, unknown> {
  const blocks: Record<string, unknown>[] = [
    // plain_text is not escaped: what is counted is what is sent
    { type: 'header', text: { type: 'plain_text', text: clipUnits(n.title, SLACK_HEADER_MAX), emoji: false } },
    { type: 'section', text: { type: 'mrkdwn', text: fit(n.summary, SLACK_SECTION_MAX, (s) => s) } },
  ];
  if (n.fields.length) blocks.push({ type: 'section', fields: n.fields.slice(0, 10).map((f) => ({ type: 'mrkdwn', text: fit(f.value, 1_900, (v) => `*${escapeSlack(clip(f.name, 50))}*\n${v}`) })) });
  for (const p of n.posts) {
    const by = `*${escapeSlack(p.author)}*${p.followers ? ` (${p.followers.toLocaleString('en-US')} followers)` : ''} on ${escapeSlack(p.source)}`;
    const withLink = p.url ? `${by} · ${link(p.url, 'open post')}` : by;
    const head = units(withLink) <= SLACK_SECTION_MAX / 2 ? withLink : by; // a URL too long to leave room for the post is left out
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: fit(p.text, SLACK_SECTION_MAX, (t) => `${head}\n>${t.replace(/\n/g, '\n>')}`) } });
  }
  if (n.items?.length) {
    const lines: string[] = [];
    let size = 0;
    for (const it of n.items) {
      const line = `• ${it.link ? link(it.link, clip(it.title, 150)) : escapeSlack(clip(it.title, 150))} (severity ${Math.round(it.severity)})`;
      if (size + units(line) + 1 > SLACK_SECTION_MAX) break;
      lines.push(line);
      size += units(line) + 1;
    }
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } });
  }
  if (n.link) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: link(n.link, 'Open in Backlash') }] });
  return { text: escapeSlack(clip(n.title, 300)), blocks: blocks.slice(0, 50), unfurl_links: false, unfurl_media: false };
}

export const slack: Provider = {
  rateLimit: { requests: 1, perMs: 1_000 },
  async render(n) {
    return { body: JSON.stringify(slackPayload(n)), headers: { 'content-type': 'application/json' } };
  },
};
