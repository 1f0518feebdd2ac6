/** The routing rules and templates the core uses: from ctx.routing when wired, else built-in defaults. */
import type { AppContext } from '../context.js';
import { BUILTIN_ROUTING, loadRoutingRules, type RoutingRules } from './rules.js';
import type { Templates } from './templates.js';

export interface RoutingSetup {
  rules: RoutingRules;
  templates: Templates;
}

const BUILTIN_TEMPLATES: Templates = {
  en: {
    default: 'Hi {author}, thank you for telling us, and sorry for the trouble. Could you send us a direct message with the details? We will get back to you within {first_response}.',
    topics: {},
    holding: {},
  },
};

let builtin: RoutingSetup | null = null;

export function routingOf(ctx: Pick<AppContext, 'routing'>): RoutingSetup {
  if (ctx.routing) return ctx.routing();
  builtin ??= { rules: loadRoutingRules(BUILTIN_ROUTING, '(built-in routing)'), templates: BUILTIN_TEMPLATES };
  return builtin;
}
