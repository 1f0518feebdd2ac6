/**
 * The desk's script (served as /assets/desk.js): live SLA countdowns, the inbox kept current over
 * server-sent events, and a case page warned when someone else takes it. It carries no data: the
 * page's attributes and the JSON API give it everything, and it writes with DOM calls and
 * textContent only (post text never goes through innerHTML).
 */
import type { QueueItemView } from '../../routing/views.js';
import { caseRow, claimForm, statusLabel } from '../views/case-row.js';
import { span } from '../views/format.js';
import { h } from '../views/tree.js';
import { getJson, toDom } from './dom.js';

type Item = QueueItemView;
interface QueueList {
  items: Item[];
  counts?: { open?: number; breached?: number; nearBreach?: number; awaitingApproval?: number };
}

const body = document.body;
const loadedAt = Date.now();
const base = Number(body.getAttribute('data-now')) || Date.now();
const speed = Number(body.getAttribute('data-speed')) || 1;
const me = document.querySelector('meta[name="backlash-actor"]')?.getAttribute('content') ?? null;
const canAct = /agent|admin/.test(document.querySelector('meta[name="backlash-role"]')?.getAttribute('content') ?? '');

/** The service's clock (the demo's runs faster than the wall clock). */
function now(): number {
  return base + (Date.now() - loadedAt) * speed;
}

/** Countdowns: every second, on the service clock; a breach is marked on the tick it happens. */
function tick(): void {
  const t = now();
  for (const b of Array.from(document.querySelectorAll<HTMLElement>('.sla[data-due]'))) {
    const due = Number(b.getAttribute('data-due'));
    const nearAttr = b.getAttribute('data-near');
    const near = nearAttr ? Number(nearAttr) : null;
    const state = due <= t ? 'breached' : near !== null && near <= t ? 'near-breach' : 'running';
    const what = b.getAttribute('data-clock') === 'resolution' ? 'resolution' : 'first response';
    b.textContent = state === 'breached' ? `SLA breached: ${what} overdue by ${span(t - due)}` : `${what} due in ${span(due - t)}`;
    b.className = `sla ${state}`;
    const row = b.closest('.case-row');
    if (row) {
      row.classList.remove('sla-running', 'sla-near-breach', 'sla-breached', 'sla-closed');
      row.classList.add(`sla-${state}`);
    }
  }
}

/** Templates fill the reply box; "select all" picks every post shown. */
function onChange(ev: Event): void {
  const s = ev.target;
  if (s instanceof HTMLSelectElement && s.hasAttribute('data-fills')) {
    const box = document.getElementById(s.getAttribute('data-fills') ?? '');
    const opt = s.options[s.selectedIndex];
    if (box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement) if (opt) box.value = opt.getAttribute('data-text') ?? '';
  }
  if (s instanceof HTMLInputElement && s.id === 'pick-all') {
    for (const b of Array.from(document.querySelectorAll<HTMLInputElement>('#case-posts input[data-pick]'))) if (b.offsetParent !== null || !s.checked) b.checked = s.checked;
  }
}

function listen(fn: (m: { id?: string } | null) => void): void {
  if (!window.EventSource) return;
  const es = new EventSource('/api/stream');
  es.addEventListener('queue', (ev) => {
    let m: { id?: string } | null = null;
    try {
      m = JSON.parse((ev as MessageEvent<string>).data) as { id?: string };
    } catch {
      return;
    }
    fn(m);
  });
  es.addEventListener('ready', () => body.setAttribute('data-live', 'on'));
}

function setSla(b: Element, i: Item, withClock: boolean): void {
  if (!i.sla.dueAt) return;
  b.setAttribute('data-due', String(Date.parse(i.sla.dueAt)));
  b.setAttribute('data-near', i.sla.nearAt ? String(Date.parse(i.sla.nearAt)) : '');
  if (withClock) b.setAttribute('data-clock', i.sla.clock ?? '');
}

/** A row for an item the page did not have: the row the server draws (views/case-row.ts), without the excerpt and post counts the list does not carry. */
function build(i: Item): HTMLElement {
  const li = toDom(caseRow({ item: i, excerpt: null, posts: null }, { canClaim: canAct, now: now() })) as HTMLElement;
  syncClaim(li, i);
  return li;
}

/** The Claim button shows while the item is new and the viewer may act. */
function syncClaim(li: HTMLElement, i: Item): void {
  const actions = li.querySelector('.row-actions');
  if (!actions) return;
  const form = actions.querySelector('form[data-api$="/claim"]');
  if (i.status === 'new' && canAct && !form) {
    actions.insertBefore(toDom(claimForm(i.id)), actions.firstChild);
  } else if (i.status !== 'new' && form) form.remove();
}

function setText(root: ParentNode, selector: string, text: string, className?: string): void {
  const n = root.querySelector(selector);
  if (!n) return;
  n.textContent = text;
  if (className !== undefined) n.className = className;
}

function update(li: HTMLElement, i: Item): void {
  const before = li.getAttribute('data-assignee') ?? '';
  const holder = i.assignee ?? '';
  const w = li.querySelector<HTMLElement>('.claimed-warning');
  if (holder && holder !== before && holder !== me && w) {
    w.textContent = holder + (i.status === 'claimed' ? ' claimed this just now.' : ' now holds this.');
    w.hidden = false;
  }
  li.setAttribute('data-status', i.status);
  li.setAttribute('data-assignee', holder);
  li.className = li.className.replace(/prio-P\d/, `prio-${i.priority}`);
  setText(li, '.status-pill', statusLabel(i.status), `status-pill ${i.status}`);
  setText(li, '.assignee', i.assignee ?? 'unassigned');
  setText(li, '.team', i.team ?? '—');
  setText(li, '.prio', i.priority, `prio ${i.priority}`);
  const b = li.querySelector('.sla[data-due]');
  if (b) setSla(b, i, true);
  syncClaim(li, i);
}

/** Reconciles the inbox with the list this view shows, in the list's order (most urgent first). */
function reconcile(inbox: HTMLElement, list: QueueList): void {
  const keep = new Set<string>();
  for (const i of list.items) {
    keep.add(i.id);
    let li = document.getElementById(`case-${i.id}`);
    if (li) update(li, i);
    else li = build(i);
    inbox.appendChild(li);
  }
  for (const li of Array.from(inbox.querySelectorAll('li.case-row'))) if (!keep.has(li.getAttribute('data-id') ?? '')) li.remove();
  const empty = document.getElementById('inbox-empty');
  if (empty) empty.hidden = list.items.length > 0;
  const c = list.counts ?? {};
  const counts: Record<string, number | undefined> = { open: c.open, breached: c.breached, 'near-breach': c.nearBreach, 'awaiting-approval': c.awaitingApproval };
  for (const [k, n] of Object.entries(counts)) {
    const el = document.querySelector(`[data-count="${k}"]`);
    if (el && n !== undefined) el.textContent = String(n);
  }
  tick();
  body.setAttribute('data-refreshed', String(Date.now()));
}

/** The inbox, live: on any change to the queue, fetch the list this view shows and reconcile. */
function liveInbox(inbox: HTMLElement): void {
  const query = inbox.getAttribute('data-query') ?? '';
  let timer: ReturnType<typeof setTimeout> | null = null;
  const refresh = () => {
    timer = null;
    getJson<QueueList>(`/api/queue?${query}`).then(
      (list) => list && reconcile(inbox, list),
      () => undefined, // the next event retries
    );
  };
  const schedule = () => {
    timer ??= setTimeout(refresh, 250);
  };
  listen(schedule);
  document.addEventListener('backlash:changed', schedule);
}

/** A case: someone else claiming, assigning or closing it is announced at once. */
function liveCase(kase: HTMLElement): void {
  const id = kase.getAttribute('data-id') ?? '';
  listen((m) => {
    if (!m || m.id !== id) return;
    void getJson<Item>(`/api/queue/${encodeURIComponent(id)}`).then((i) => {
      if (!i) return;
      const w = document.getElementById('claimed-warning');
      const assignee = i.assignee ?? '';
      const changed = assignee !== (kase.getAttribute('data-assignee') ?? '') || i.status !== kase.getAttribute('data-status');
      if (w && changed && assignee !== me) {
        const said = assignee ? `${assignee}${i.status === 'claimed' ? ' claimed' : ' now holds'} this case` : `This case is now ${i.status}`;
        w.replaceChildren(document.createTextNode(`${said} just now. `), toDom(h('a', { href: location.pathname }, 'Reload to see the latest')));
        w.hidden = false;
      }
      const b = document.querySelector('#case .sla[data-due]');
      if (b) setSla(b, i, false);
      tick();
    });
  });
}

tick();
setInterval(tick, 1000);
document.addEventListener('change', onChange);
const inbox = document.getElementById('inbox');
if (inbox) liveInbox(inbox);
const kase = document.getElementById('case');
if (kase) liveCase(kase);
