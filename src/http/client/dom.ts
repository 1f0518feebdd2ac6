/**
 * Browser side of views/tree.ts: builds a component's element tree with DOM calls. Text becomes
 * text nodes and attributes go through setAttribute, so nothing from the server is parsed as HTML.
 */
import type { Element as Tree } from '../views/tree.js';

const SVG = 'http://www.w3.org/2000/svg';

export function toDom(node: Tree): Element {
  const el = node.svg ? document.createElementNS(SVG, node.tag) : document.createElement(node.tag);
  for (const [k, v] of Object.entries(node.attrs)) el.setAttribute(k, v);
  for (const c of node.children) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : toDom(c));
  return el;
}

/** GET a JSON API path with the session cookie; null when the answer is not 2xx. */
export async function getJson<T>(url: string): Promise<T | null> {
  const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  return res.ok ? ((await res.json()) as T) : null;
}
