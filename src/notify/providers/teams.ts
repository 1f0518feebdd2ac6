/**
 * Microsoft Teams through a Workflows ("When a Teams webhook request is received") webhook: a
 * message envelope carrying one Adaptive Card (1.4). Teams caps a message near 28 KB, so posts are
 * clipped and dropped until the card fits. TextBlocks render a markdown subset: post text is
 * backslash-escaped so it cannot forge links or formatting.
 */
import type { Provider } from './types.js';
import { clip, type Notice } from '../message.js';

export const TEAMS_MAX_BYTES = 27_000;

export function escapeTeams(s: string): string {
  return s.replace(/[\\*_~`[\]()#>+\-!|{}]/g, '\\$&').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A URL with every character RFC 3986 does not allow percent-encoded: WHATWG URLs keep "|", "^",
 * "`", "{" or "}" as written, which an Adaptive Card's uri-reference refuses.
 */
export function rfc3986(url: string): string {
  return url.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, (c) => encodeURIComponent(c));
}

export function teamsPayload(n: Notice, postChars = 500): Record<string, unknown> {
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: escapeTeams(clip(n.title, 200)), weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'TextBlock', text: escapeTeams(n.summary), wrap: true },
    { type: 'FactSet', facts: n.fields.map((f) => ({ title: escapeTeams(clip(f.name, 50)), value: escapeTeams(clip(f.value, 300)) })) },
  ];
  for (const p of n.posts) {
    body.push({
      type: 'Container',
      style: 'emphasis',
      items: [
        { type: 'TextBlock', text: escapeTeams(`${p.author}${p.followers ? ` (${p.followers.toLocaleString('en-US')} followers)` : ''} on ${p.source}`), weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: escapeTeams(clip(p.text, postChars)), wrap: true },
      ],
      ...(p.url ? { selectAction: { type: 'Action.OpenUrl', url: rfc3986(p.url) } } : {}),
    });
  }
  for (const it of n.items ?? []) body.push({ type: 'TextBlock', text: escapeTeams(`• ${clip(it.title, 150)} (severity ${Math.round(it.severity)})`), wrap: true, spacing: 'None' });
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body,
    actions: n.link ? [{ type: 'Action.OpenUrl', title: 'Open in Backlash', url: rfc3986(n.link) }] : [],
  };
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
}

export const teams: Provider = {
  rateLimit: { requests: 4, perMs: 1_000 },
  async render(n) {
    let body = JSON.stringify(teamsPayload(n));
    for (let chars = 250; new TextEncoder().encode(body).length > TEAMS_MAX_BYTES && chars >= 0; chars -= 125) {
      body = JSON.stringify(teamsPayload({ ...n, items: n.items?.slice(0, 20), posts: chars > 0 ? n.posts : [] }, chars));
    }
    return { body, headers: { 'content-type': 'application/json' } };
  },
};
