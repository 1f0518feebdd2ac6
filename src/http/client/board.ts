/**
 * The revolts board, live (served as /assets/board.js): server-sent events name what changed, and
 * the card is rebuilt from the JSON API with the same function the server draws it with
 * (views/revolt-card.ts), turned into DOM nodes, never into an HTML string.
 */
import type { Revolt } from '../../types.js';
import type { RevoltInsight } from '../timeline.js';
import { revoltCard } from '../views/revolt-card.js';
import { getJson, toDom } from './dom.js';

/** What GET /api/revolts/:id answers, as far as the card needs it. */
type RevoltDetail = Revolt & { insight: RevoltInsight };

function cardsOf(board: HTMLElement): HTMLElement[] {
  return Array.from(board.querySelectorAll<HTMLElement>('article.revolt'));
}

function refreshCount(board: HTMLElement): void {
  const n = cardsOf(board).length;
  const count = document.getElementById('open-count');
  if (count) count.textContent = String(n);
  const empty = document.getElementById('board-empty');
  if (empty) empty.hidden = n > 0;
}

function sortCards(board: HTMLElement): void {
  const cards = cardsOf(board);
  cards.sort((a, b) => Number(b.dataset.severity) - Number(a.dataset.severity));
  for (const c of cards) board.appendChild(c);
}

function render(board: HTMLElement, r: RevoltDetail): void {
  const existing = document.getElementById(`revolt-${r.id}`);
  if (r.stage === 'resolved') {
    existing?.remove();
    refreshCount(board);
    return;
  }
  const fresh = toDom(revoltCard({ ...r, members: r.postIds.length })) as HTMLElement;
  const hadFocus = existing?.contains(document.activeElement) ?? false;
  if (existing) existing.replaceWith(fresh);
  else board.prepend(fresh);
  if (hadFocus) fresh.focus();
  sortCards(board);
  refreshCount(board);
}

/** Events arrive in bursts: each changed revolt is fetched once per 200 ms. */
function listen(board: HTMLElement): void {
  if (!window.EventSource) return;
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    for (const id of pending) {
      pending.delete(id);
      getJson<RevoltDetail>(`/api/revolts/${encodeURIComponent(id)}`).then(
        (r) => r && render(board, r),
        () => undefined, // the next event retries
      );
    }
  };
  const es = new EventSource('/api/stream');
  es.addEventListener('revolt', (ev) => {
    try {
      pending.add((JSON.parse((ev as MessageEvent<string>).data) as { id: string }).id);
    } catch {
      return;
    }
    timer ??= setTimeout(flush, 200);
  });
  es.addEventListener('ready', () => document.body.setAttribute('data-live', 'on'));
}

/** Keyboard: j / k move between revolts, Enter opens the focused one. */
function keys(board: HTMLElement): void {
  document.addEventListener('keydown', (ev) => {
    const tag = ev.target instanceof HTMLElement ? ev.target.tagName : '';
    if (/INPUT|TEXTAREA|SELECT/.test(tag) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const cards = cardsOf(board);
    if (!cards.length) return;
    const at = cards.indexOf(document.activeElement as HTMLElement);
    if (ev.key === 'j' || ev.key === 'k') {
      const next = ev.key === 'j' ? Math.min(cards.length - 1, at + 1) : Math.max(0, at < 0 ? 0 : at - 1);
      cards[next].focus();
      ev.preventDefault();
    } else if (ev.key === 'Enter' && at >= 0 && ev.target === cards[at]) {
      const href = cards[at].querySelector('h3 a')?.getAttribute('href');
      if (href) location.href = href;
    }
  });
}

const board = document.getElementById('board');
if (board) {
  listen(board);
  keys(board);
}
