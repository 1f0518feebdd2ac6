/** The team: each team's hours and leads, each person's open load against their capacity, and what nobody has claimed. */
import { html } from 'hono/html';
import type { PersonLoad, TeamLoad } from '../../routing/team.js';
import type { Principal } from '../principal.js';
import { layout } from '../views/layout.js';

function person(p: PersonLoad) {
  const pct = p.capacity > 0 ? Math.min(100, Math.round((100 * p.open) / p.capacity)) : 100;
  return html`<tr id="person-${p.id}"><td data-label="Person"><a href="/inbox?view=open&assignee=${encodeURIComponent(p.id)}">${p.id}</a>${p.lead ? ' (lead)' : ''}</td>
<td data-label="Open load"><span class="load${p.open >= p.capacity ? ' full' : ''}" role="img" aria-label="${p.open} of ${p.capacity}"><span class="w${Math.round(pct / 10) * 10}"></span></span> <span class="open-load">${p.open}</span> / ${p.capacity}</td>
<td data-label="Breached">${p.breached ? html`<span class="sla breached">${p.breached} breached</span>` : '—'}</td></tr>`;
}

export function teamPage(d: { teams: TeamLoad[]; others: PersonLoad[]; principal: Principal | null; banner?: string }) {
  const body = html`<h2>Team</h2>
<p class="hint">Open load: items a person has claimed or answered and not yet resolved, against the capacity in rules/routing.yaml.</p>
${d.teams.map((t) => html`<section class="card" aria-labelledby="team-${t.id}" id="team-${t.id}-card"><h3 id="team-${t.id}">${t.id}</h3>
<p class="meta">${t.hours.days.join(', ')} ${t.hours.start}–${t.hours.end} (${t.timezone}) · leads: ${t.leads.join(', ') || '—'} · <a href="/inbox?view=open&team=${encodeURIComponent(t.id)}"><span class="team-open">${t.open}</span> open</a>, <a href="/inbox?view=unassigned&team=${encodeURIComponent(t.id)}"><span class="team-unclaimed">${t.unclaimed}</span> unclaimed</a></p>
${t.people.length ? html`<table class="posts stack"><thead><tr><th scope="col">Person</th><th scope="col">Open load</th><th scope="col">Breached</th></tr></thead><tbody>${t.people.map(person)}</tbody></table>` : html`<p class="empty">No one on this team's roster.</p>`}
</section>`)}
${d.others.length ? html`<section class="card" aria-labelledby="others-h"><h3 id="others-h">Others holding items</h3><table class="posts stack"><thead><tr><th scope="col">Person</th><th scope="col">Open load</th><th scope="col">Breached</th></tr></thead><tbody>${d.others.map(person)}</tbody></table></section>` : ''}`;
  return layout('Team', body, { principal: d.principal, nav: 'team', banner: d.banner });
}
