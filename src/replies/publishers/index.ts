import type { Publisher, ReplyChannel } from '../types.js';
import { mastodon } from './mastodon.js';
import { bluesky } from './bluesky.js';
import { reddit } from './reddit.js';
import { helpdesk } from './helpdesk.js';
import { demo } from './demo.js';

/** One publisher per reply channel: a missing entry is a compile error. */
export const PUBLISHERS: Record<ReplyChannel, Publisher> = { mastodon, bluesky, reddit, helpdesk, demo };

/** Source types whose posts can be answered in place (the network of the post). */
export const IN_PLACE: Record<string, ReplyChannel> = { mastodon: 'mastodon', bluesky: 'bluesky', reddit: 'reddit' };
