/**
 * Issue 16, item 14: platform limits counted on the text as sent (escaped, links encoded), in the
 * unit that is safe whatever the platform means by "character" (UTF-16 units, never fewer than
 * code points), for every platform; and the Teams card valid Adaptive Card 1.4 apart from the
 * documented `msteams` extension.
 */
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { discordPayload } from '../../src/notify/providers/discord.js';
import { slackPayload } from '../../src/notify/providers/slack.js';
import { teams } from '../../src/notify/providers/teams.js';
import { digestNotice, postNotice, revoltNotice, slaNotice, type Notice, type NoticePost } from '../../src/notify/message.js';
import { verifyDiscord, verifySlack, verifyTeams } from '../helpers/webhook-receiver.js';
import { ADAPTIVE_CARD_14_SUBSET } from './adaptive-card-schema.js';
import type { ChannelConfig } from '../../src/config/schema.js';

const AT = Date.parse('2026-03-02T09:00:00Z');
const base = { at: AT, target: 'acme', severity: 80, priority: 'P2', team: 'care', link: 'https://backlash.example/revolts/r_1' };
const post = (text: string, url: string | null = 'https://social.example/p/(1)<2>', author = '@someone'): NoticePost => ({ author, text, url, followers: 1200, source: 'x-acme' });

/** Posts that grow most when escaped or encoded: every character a markdown escape, emoji (2 UTF-16 units each), brackets in the URL. */
const HOSTILE: NoticePost[] = [
  post('*'.repeat(495)),
  post('*'.repeat(2000)),
  post('😡'.repeat(1000)),
  post('[x](y) <z> _a_ ~b~ `c` |d| #e -f !g :h '.repeat(60), `https://social.example/${'(a)'.repeat(200)}`),
  post('&<>'.repeat(400), 'https://social.example/p?a=1|b>2'),
  post('ok', `https://social.example/${'x'.repeat(3000)}`),
];

function allNotices(): Notice[] {
  const out: Notice[] = [];
  for (let i = 0; i < HOSTILE.length; i++) {
    out.push(revoltNotice({ ...base, kind: 'revolt.opened', eventId: `e_r${i}`, label: `${'😡'.repeat(120)} ${'*'.repeat(100)}`, stage: 'emerging', posts: 40, authors: 30, topPosts: [HOSTILE[i], HOSTILE[(i + 1) % HOSTILE.length], HOSTILE[(i + 2) % HOSTILE.length]] }));
    out.push(postNotice({ ...base, eventId: `e_p${i}`, reasons: ['legal', '😡'.repeat(60)], post: HOSTILE[i] }));
  }
  out.push(slaNotice({ ...base, kind: 'sla.breach', eventId: 'e_sla', clock: 'resolution', dueAt: AT - 60_000, title: '🔥'.repeat(500), previousPriority: 'P3', assignee: null, status: 'new' }));
  out.push(digestNotice('e_digest', AT, 'ch', out.slice(0, 12), 'https://backlash.example/inbox'));
  return out;
}

describe('limits counted after escaping, in UTF-16 units', () => {
  it('Discord: the 495 "*" post and its link fit a field of 1,024; every notice fits every limit', () => {
    const n = postNotice({ ...base, eventId: 'e_495', reasons: ['reach'], post: post('*'.repeat(495), 'https://social.example/p/1') });
    const field = (discordPayload(n) as { embeds: { fields: { name: string; value: string }[] }[] }).embeds[0].fields.find((f) => f.value.includes('open post'))!;
    expect(field.value.length).toBeLessThanOrEqual(1024);
    expect(field.value).toMatch(/^(\\\*)+…?\n\[open post\]\(<https:\/\/social\.example\/p\/1>\)$/);
    for (const notice of allNotices()) expect(verifyDiscord(discordPayload(notice)), notice.eventId).toEqual([]);
  });

  it('Slack: a header of emoji fits 150 in UTF-16 units; sections and fields fit after escaping', () => {
    const n = revoltNotice({ ...base, kind: 'revolt.opened', eventId: 'e_emoji', label: '😡'.repeat(149), stage: 'emerging', posts: 3, authors: 3, topPosts: [] });
    const header = (slackPayload(n) as { blocks: { type: string; text: { text: string } }[] }).blocks[0];
    expect(header.type).toBe('header');
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    expect(header.text.text).toMatch(/^Revolt opened: (😡)+…$/u); // cut between emoji, never inside one
    for (const notice of allNotices()) expect(verifySlack(slackPayload(notice)), notice.eventId).toEqual([]);
  });

  it('Teams: every card under 28 KB as sent', async () => {
    for (const notice of allNotices()) {
      const r = await teams.render(notice, {} as ChannelConfig, { messageId: notice.eventId, now: AT });
      expect(verifyTeams(JSON.parse(r.body), r.body), notice.eventId).toEqual([]);
    }
  });
});

describe('the Teams card and the Adaptive Card 1.4 schema', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  (formats as unknown as { default: (a: Ajv) => void }).default(ajv);
  const validate = ajv.compile(ADAPTIVE_CARD_14_SUBSET);
  const cardOf = async (n: Notice) => JSON.parse((await teams.render(n, {} as ChannelConfig, { messageId: n.eventId, now: AT })).body).attachments[0].content;

  it('is valid apart from the documented msteams extension, which is the only thing the schema refuses', async () => {
    for (const notice of allNotices()) {
      const card = await cardOf(notice);
      expect(validate(card), notice.eventId).toBe(false);
      expect(validate.errors!.map((e: { instancePath: string; keyword: string; params: unknown }) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`)).toEqual([' additionalProperties {"additionalProperty":"msteams"}']);
      expect(card.msteams).toEqual({ width: 'Full' });
      const { msteams: _msteams, ...plain } = card;
      expect(validate(plain), `${notice.eventId}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it('the schema does refuse what Adaptive Cards 1.4 has not (so the check above can fail)', async () => {
    const { msteams: _msteams, ...card } = await cardOf(allNotices()[0]);
    const broken = [
      { ...card, body: [...card.body, { type: 'TextBlock', text: 'x', colour: 'good' }] },
      { ...card, body: [...card.body, { type: 'Table', rows: [] }] },
      { ...card, body: [...card.body, { type: 'TextBlock', text: 'x', weight: 'heavy' }] },
      { ...card, actions: [{ type: 'Action.OpenUrl', title: 'no url' }] },
      { ...card, version: '1.6' },
    ];
    for (const b of broken) expect(validate(b), JSON.stringify(b).slice(-80)).toBe(false);
  });
});
