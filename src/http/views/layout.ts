import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Content = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The page shell. Post text is attacker-controlled: every interpolation goes through hono/html's escaping. */
export function layout(title: string, body: Content, opts: { refreshSeconds?: number; banner?: string } = {}): Content {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${opts.refreshSeconds ? raw(`<meta http-equiv="refresh" content="${Math.floor(opts.refreshSeconds)}">`) : ''}
<title>${title} · Backlash</title>
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<header><a class="brand" href="/">Backlash</a><nav><a href="/">Revolts</a> <a href="/api/revolts">API</a></nav></header>
${opts.banner ? html`<p class="banner">${opts.banner}</p>` : ''}
<main>${body}</main>
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
