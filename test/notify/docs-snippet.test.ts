import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/context.js';
import { webhook } from '../../src/notify/providers/webhook.js';
import { revoltNotice } from '../../src/notify/message.js';
import type { ChannelConfig } from '../../src/config/schema.js';

describe('docs/notifications.md', () => {
  it('its Node snippet verifies our signatures, with a whsec_ secret and during a rotation', async () => {
    const md = fs.readFileSync('docs/notifications.md', 'utf8');
    const code = /```js\n(\/\/ verify-snippet[\s\S]*?)```/.exec(md)![1];
    const file = path.join(tmpDir('backlash-doc-'), 'verify.mjs');
    fs.writeFileSync(file, code);
    const { verifyBacklash } = (await import(file)) as { verifyBacklash: (s: string, h: Record<string, string>, b: string) => boolean };
    const secret = 'whsec_' + Buffer.from('documentation-secret-bytes').toString('base64');
    const channel = { id: 'x', type: 'webhook', url: 'http://127.0.0.1/', secret, previousSecrets: ['the-previous-secret-123'] } as ChannelConfig;
    const notice = revoltNotice({ kind: 'revolt.opened', eventId: 'e_doc', at: Date.now(), label: 'Doc', target: 'acme', severity: 50, priority: 'P3', stage: 'emerging', posts: 5, authors: 5, team: null, topPosts: [], link: null });
    const req = await webhook.render(notice, channel, { messageId: 'e_doc', now: Date.now() });
    expect(verifyBacklash(secret, req.headers, req.body)).toBe(true);
    expect(verifyBacklash('the-previous-secret-123', req.headers, req.body)).toBe(true);
    expect(verifyBacklash(secret, req.headers, req.body + ' ')).toBe(false);
    expect(verifyBacklash(secret, { ...req.headers, 'webhook-timestamp': String(Math.floor(Date.now() / 1000) - 3600) }, req.body)).toBe(false);
  });
});
