/**
 * The source registry: every source type, one file each. Typed Record<Id, Impl> so a type listed in
 * SOURCE_TYPES without an implementation is a compile error.
 */
import type { z } from 'zod';
import type { FeedSource } from '../types.js';
import { rss } from './rss.js';
import { jsonfeed } from './jsonfeed.js';
import { json } from './json.js';
import { push } from './push.js';
import { mastodon } from './mastodon.js';
import { bluesky } from './bluesky.js';
import { reddit } from './reddit.js';
import { appstore } from './appstore.js';
import { hackernews } from './hackernews.js';

export const SOURCE_TYPES = ['rss', 'jsonfeed', 'json', 'push', 'mastodon', 'bluesky', 'reddit', 'appstore', 'hackernews'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export const SOURCES: Record<SourceType, FeedSource<z.ZodType>> = {
  rss,
  jsonfeed,
  json,
  push,
  mastodon,
  bluesky,
  reddit,
  appstore,
  hackernews,
};

export function isSourceType(t: string): t is SourceType {
  return (SOURCE_TYPES as readonly string[]).includes(t);
}

/** Validates a source's type-specific keys (those besides id, type, every, enabled). */
export function parseSourceConfig(type: string, keys: Record<string, unknown>): ReturnType<z.ZodType['safeParse']> | null {
  if (!isSourceType(type)) return null;
  return SOURCES[type].schema.safeParse(keys);
}
