/**
 * Queue operations: claim, assign, respond, resolve, dismiss, reopen and note. Each is one guarded
 * UPDATE (the status it may start from is in the WHERE clause, so two agents racing get one
 * winner and one conflict) followed by an audit entry: who, when, what changed.
 */
import type { AppContext } from '../context.js';
import { writeAudit } from '../store/audit.js';
import { routingOf } from './setup.js';
import type { QueueStatus } from './queue.js';

export class QueueActionError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'capacity' | 'bad_request',
    message: string,
  ) {
    super(message);
  }
}

export type QueueAction = 'claim' | 'assign' | 'respond' | 'resolve' | 'dismiss' | 'reopen' | 'note';

/** Allowed starting statuses for each action (the state table). */
export const FROM: Record<Exclude<QueueAction, 'note'>, QueueStatus[]> = {
  claim: ['new'],
  assign: ['new', 'claimed'],
  respond: ['new', 'claimed'],
  resolve: ['new', 'claimed', 'responded'],
  dismiss: ['new', 'claimed', 'responded'],
  reopen: ['resolved', 'dismissed'],
};

export interface ActionInput {
  actor: string;
  agent?: string; // assign: to a teammate
  team?: string; // assign: to another team (the item goes back to new, for one of them to claim)
  text?: string; // respond: the reply sent; note: the note; dismiss/resolve: a reason
}

/** Open items an agent holds, and what they may hold (roster capacity, else the default). */
export async function agentLoad(ctx: Pick<AppContext, 'db' | 'routing'>, agent: string): Promise<{ open: number; capacity: number; team: string | null }> {
  const rules = routingOf(ctx).rules;
  const team = rules.teams.find((t) => t.agents.some((a) => a.id === agent));
  const capacity = team?.agents.find((a) => a.id === agent)?.capacity ?? rules.defaultCapacity;
  const row = await ctx.db.selectFrom('queue_items').select((eb) => eb.fn.countAll<number>().as('n')).where('assignee', '=', agent).where('status', 'in', ['claimed', 'responded']).executeTakeFirst();
  return { open: Number(row?.n ?? 0), capacity, team: team?.id ?? null };
}

export async function applyAction(ctx: AppContext, id: string, action: QueueAction, input: ActionInput): Promise<void> {
  const now = ctx.clock.now();
  const item = await ctx.db.selectFrom('queue_items').select(['id', 'status', 'assignee', 'team', 'merged_into']).where('id', '=', id).executeTakeFirst();
  if (!item) throw new QueueActionError('not_found', `no queue item ${id}`);
  const text = input.text?.trim() ?? '';
  if (action === 'note') {
    if (!text) throw new QueueActionError('bad_request', 'text: expected a non-empty note');
    if (text.length > 10_000) throw new QueueActionError('bad_request', 'text: expected at most 10,000 characters');
    await ctx.db.updateTable('queue_items').set({ updated_at: now }).where('id', '=', id).execute();
    await writeAudit(ctx, { at: now, actor: input.actor, action: 'queue.note', entityType: 'queue_item', entityId: id, detail: { text } });
    return;
  }
  const from = FROM[action];
  if (item.status === 'merged') throw new QueueActionError('conflict', `this item was merged into ${item.merged_into}: act on that case`);
  if (action === 'claim' && item.status === 'claimed' && item.assignee) throw new QueueActionError('conflict', item.assignee === input.actor ? 'you already hold this item' : `${item.assignee} already claimed this item`);
  if (!from.includes(item.status as QueueStatus)) throw new QueueActionError('conflict', `cannot ${action} an item that is ${item.status} (allowed from: ${from.join(', ')})`);
  const set: Record<string, unknown> = { updated_at: now };
  const detail: Record<string, unknown> = { from: item.status };
  switch (action) {
    case 'assign':
      if (input.team !== undefined) {
        const team = input.team.trim();
        const rules = routingOf(ctx).rules;
        if (!rules.teams.some((t) => t.id === team)) throw new QueueActionError('bad_request', `team: unknown team "${team}" (teams: ${rules.teams.map((t) => t.id).join(', ')})`);
        if (input.agent) throw new QueueActionError('bad_request', 'give agent or team, not both');
        Object.assign(set, { team, status: 'new', assignee: null, assigned_at: null });
        Object.assign(detail, { to: 'new', team, previousTeam: item.team, previousAssignee: item.assignee });
        break;
      }
    // falls through: assign to an agent
    case 'claim': {
      const agent = action === 'claim' ? input.actor : input.agent?.trim();
      if (!agent) throw new QueueActionError('bad_request', 'agent: expected the id of the agent to assign');
      const load = await agentLoad(ctx, agent);
      if (agent !== item.assignee && load.open >= load.capacity) throw new QueueActionError('capacity', `${agent} already holds ${load.open} open item(s), at capacity ${load.capacity}`);
      Object.assign(set, { status: 'claimed', assignee: agent, assigned_at: now });
      Object.assign(detail, { to: 'claimed', assignee: agent, previousAssignee: item.assignee });
      // given to someone of another team: the item moves to that team
      if (action === 'assign' && load.team && load.team !== item.team) Object.assign(set, { team: load.team }), Object.assign(detail, { team: load.team, previousTeam: item.team });
      break;
    }
    case 'respond':
      Object.assign(set, { status: 'responded', first_responded_at: now, assignee: item.assignee ?? input.actor });
      Object.assign(detail, { to: 'responded', reply: text || null });
      break;
    case 'resolve':
    case 'dismiss':
      Object.assign(set, { status: action === 'resolve' ? 'resolved' : 'dismissed', resolved_at: now });
      Object.assign(detail, { to: action === 'resolve' ? 'resolved' : 'dismissed', reason: text || null });
      break;
    case 'reopen':
      Object.assign(set, { status: 'new', assignee: null, assigned_at: null, resolved_at: null });
      Object.assign(detail, { to: 'new', reason: text || null });
      break;
  }
  const done = await ctx.db.updateTable('queue_items').set(set).where('id', '=', id).where('status', '=', item.status).returning('id').execute();
  if (done.length === 0) throw new QueueActionError('conflict', `item ${id} changed while you were acting on it: reload and try again`);
  await writeAudit(ctx, { at: now, actor: input.actor, action: `queue.${action}`, entityType: 'queue_item', entityId: id, detail });
  ctx.bus.publish({ topic: 'queue', id, type: action, at: now });
}
