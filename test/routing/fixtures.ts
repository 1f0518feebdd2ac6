/** Seeds for the routing and notify tests: posts with chosen verdicts, revolts, and a routing setup. */
import type { AppContext } from '../../src/context.js';
import type { Priority, Revolt, RevoltStage, TopicHit } from '../../src/types.js';
import { loadRoutingRules } from '../../src/routing/rules.js';
import { loadTemplates } from '../../src/routing/templates.js';
import type { RoutingSetup } from '../../src/routing/setup.js';
import fs from 'node:fs';

export function routingSetup(yaml: string, channelIds?: string[]): RoutingSetup {
  const dir = new URL('../../rules/templates/', import.meta.url);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => ({ lang: f.replace('.yaml', ''), file: f, text: fs.readFileSync(new URL(f, dir), 'utf8') }));
  return { rules: loadRoutingRules(yaml, 'test-routing.yaml', { channelIds }), templates: loadTemplates(files) };
}

export interface SeedPost {
  id: string;
  target?: string;
  source?: string;
  author?: string;
  followers?: number;
  text?: string;
  lang?: string;
  url?: string | null;
  topics?: TopicHit[];
  escalation?: string[];
  at?: number;
}

export async function seedPosts(ctx: AppContext, posts: SeedPost[]): Promise<void> {
  const now = ctx.clock.now();
  for (const p of posts) {
    const target = p.target ?? 'acme';
    await ctx.db.insertInto('targets').values({ id: target, name: target === 'acme' ? 'Acme Air' : target, created_at: now }).onConflict((oc) => oc.column('id').doNothing()).execute();
    await ctx.db
      .insertInto('posts')
      .values({
        id: p.id,
        source_id: p.source ?? 'src-acme',
        target_id: target,
        external_id: p.id,
        url: p.url === undefined ? `https://social.example/${p.id}` : p.url,
        author_id: p.author ?? `author-${p.id}`,
        author_name: null,
        author_handle: p.author ?? `user_${p.id}`,
        author_followers: p.followers ?? 100,
        text: p.text ?? `post ${p.id} is bad`,
        lang: p.lang ?? 'en',
        published_at: p.at ?? now,
        fetched_at: p.at ?? now,
        metrics: null,
        raw: null,
        duplicate_of: null,
        classified: 1,
      } as never)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await ctx.db
      .insertInto('classifications')
      .values({
        post_id: p.id,
        target_id: target,
        sentiment: 'negative',
        sentiment_score: -0.7,
        complaint: 1,
        complaint_score: 0.7,
        topics: JSON.stringify(p.topics ?? []),
        escalation: JSON.stringify((p.escalation ?? []).map((id) => ({ id }))),
        explain: null,
        lang: p.lang ?? 'en',
        model_version: 'test',
        published_at: p.at ?? now,
        classified_at: now,
      } as never)
      .onConflict((oc) => oc.column('post_id').doNothing())
      .execute();
  }
}

export function revolt(over: Partial<Revolt> & { id: string; postIds: string[] }): Revolt {
  const now = Date.parse('2026-03-02T09:00:00Z');
  return { target: 'acme', key: 'lost-luggage', label: 'Lost luggage — Acme Air', stage: 'emerging' as RevoltStage, severity: 55, priority: 'P3' as Priority, openedAt: now, updatedAt: now, explain: {}, ...over };
}

export async function seedRevoltRow(ctx: AppContext, r: Revolt): Promise<void> {
  await ctx.db
    .insertInto('revolts')
    .values({ id: r.id, target_id: r.target, key: r.key, label: r.label, stage: r.stage, severity: r.severity, priority: r.priority, opened_at: r.openedAt, updated_at: r.updatedAt, resolved_at: null, explain: '{}', state: null } as never)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  for (const p of r.postIds) await ctx.db.insertInto('revolt_posts').values({ revolt_id: r.id, post_id: p, added_at: r.updatedAt }).onConflict((oc) => oc.columns(['revolt_id', 'post_id']).doNothing()).execute();
}
