/** The team as the desk sees it: each person's open load against their capacity, and each team's unclaimed work. */
import type { AppContext } from '../context.js';

export interface PersonLoad {
  id: string;
  team: string | null;
  lead: boolean;
  capacity: number;
  /** Claimed or responded items they hold. */
  open: number;
  /** Of those, how many have a breached SLA clock now. */
  breached: number;
}

export interface TeamLoad {
  id: string;
  timezone: string;
  hours: { days: string[]; start: string; end: string };
  leads: string[];
  people: PersonLoad[];
  /** New items of this team nobody holds yet. */
  unclaimed: number;
  open: number;
}

export async function teamLoads(ctx: AppContext, rules: ReturnType<NonNullable<AppContext['routing']>>['rules']): Promise<{ teams: TeamLoad[]; others: PersonLoad[] }> {
  const now = ctx.clock.now();
  const rows = await ctx.db.selectFrom('queue_items').select(['team', 'assignee', 'status', 'first_responded_at', 'due_first_response_at', 'due_resolve_at']).where('status', 'in', ['new', 'claimed', 'responded']).execute();
  const breached = (r: (typeof rows)[number]) => (r.first_responded_at === null && r.due_first_response_at !== null && r.due_first_response_at <= now) || (r.due_resolve_at !== null && r.due_resolve_at <= now);
  const person = new Map<string, { open: number; breached: number }>();
  for (const r of rows) {
    if (!r.assignee || r.status === 'new') continue;
    const p = person.get(r.assignee) ?? { open: 0, breached: 0 };
    p.open++;
    if (breached(r)) p.breached++;
    person.set(r.assignee, p);
  }
  const listed = new Set<string>();
  const teams = rules.teams.map((t) => ({
    id: t.id,
    timezone: t.timezone,
    hours: { days: [...t.hours.days], start: t.hours.start, end: t.hours.end },
    leads: [...t.leads],
    people: t.agents.map((a) => {
      listed.add(a.id);
      return { id: a.id, team: t.id, lead: t.leads.includes(a.id), capacity: a.capacity, open: person.get(a.id)?.open ?? 0, breached: person.get(a.id)?.breached ?? 0 };
    }),
    unclaimed: rows.filter((r) => r.team === t.id && r.status === 'new').length,
    open: rows.filter((r) => r.team === t.id).length,
  }));
  // people holding items without being on a roster (an API key's name), at the default capacity
  const others = [...person].filter(([id]) => !listed.has(id)).map(([id, p]) => ({ id, team: null, lead: false, capacity: rules.defaultCapacity, open: p.open, breached: p.breached }));
  return { teams, others };
}
