import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Principal } from '../principal.js';

export type Content = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface LayoutOptions {
  banner?: string;
  principal?: Principal | null;
  /** Which nav entry is current (aria-current). */
  nav?: string;
  /** Extra scripts served from /assets/ (never inline). */
  scripts?: string[];
  /** Extra stylesheets served from /assets/. */
  styles?: string[];
  /** The service clock at render time and its speed (the demo's runs faster): live countdowns follow it. */
  clock?: { now: number; speed: number };
}

const NAV: [string, string, string][] = [
  ['board', '/', 'Revolts'],
  ['inbox', '/inbox', 'Inbox'],
  ['team', '/team', 'Team'],
  ['overview', '/overview', 'Overview'],
  ['cx', '/cx', 'CX'],
  ['sources', '/sources', 'Sources'],
  ['rules', '/rules', 'Rules'],
  ['keys', '/keys', 'Keys'],
  ['api', '/docs/api', 'API'],
];

/** The page shell. Post text is attacker-controlled: every interpolation goes through hono/html's escaping. */
export function layout(title: string, body: Content, opts: LayoutOptions = {}): Content {
  const p = opts.principal ?? null;
  const nav = NAV.filter(([id]) => id !== 'keys' || p?.role === 'admin');
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${p?.csrf ? html`<meta name="csrf-token" content="${p.csrf}">` : ''}
${p ? html`<meta name="backlash-role" content="${p.role}"><meta name="backlash-actor" content="${p.name}">` : ''}
<title>${title} · Backlash</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
${(opts.styles ?? []).map((s) => html`<link rel="stylesheet" href="/assets/${s}">`)}
<script src="/assets/app.js" defer></script>
${(opts.scripts ?? []).map((s) => html`<script src="/assets/${s}" defer></script>`)}
</head>
<body${opts.clock ? html` data-now="${opts.clock.now}" data-speed="${opts.clock.speed}"` : ''}>
<a class="skip" href="#main">Skip to content</a>
<header>
  <a class="brand" href="/">Backlash</a>
  <nav aria-label="Main">${nav.map(([id, href, label]) => html`<a href="${href}"${id === opts.nav ? html` aria-current="page"` : ''}>${label}</a>`)}</nav>
  <div class="who">${p
    ? html`<span>${p.name} · ${p.role}</span>${p.via === 'session'
        ? html`<form method="post" action="/signout" class="inline"><input type="hidden" name="_csrf" value="${p.csrf ?? ''}"><button type="submit">Sign out</button></form>`
        : p.via === 'demo' ? html` <a href="/signin">Sign in</a>` : ''}`
    : html`<a href="/signin">Sign in</a>`}</div>
</header>
${opts.banner ? html`<p class="banner">${opts.banner}</p>` : ''}
<p id="flash" class="flash" role="status" aria-live="polite"></p>
<main id="main" tabindex="-1">${body}</main>
</body>
</html>`;
}

/** Only http(s) links are ever rendered as links. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

export { time } from './format.js';

/** Who may do what, for hiding controls a role cannot use (the API enforces it regardless). */
export function can(p: Principal | null | undefined, need: 'agent' | 'admin'): boolean {
  if (!p) return false;
  return need === 'agent' ? p.role === 'agent' || p.role === 'admin' : p.role === 'admin';
}
