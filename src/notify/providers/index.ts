import type { ChannelConfig } from '../../config/schema.js';
import type { Provider } from './types.js';
import { slack } from './slack.js';
import { discord } from './discord.js';
import { teams } from './teams.js';
import { webhook } from './webhook.js';

/** One provider per channel type: a missing entry is a compile error. */
export const PROVIDERS: Record<ChannelConfig['type'], Provider> = { slack, discord, teams, webhook };
export type { Provider, RenderedRequest } from './types.js';
