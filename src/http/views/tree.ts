/**
 * A component drawn in one place for both sides: a pure function returns this small element tree,
 * the server serialises it to escaped HTML (toHtml) and the browser builds it with DOM calls
 * (client/dom.ts), so post text is never parsed as markup on either side. No imports: the browser
 * bundle includes this file.
 */
export type Child = Element | string | null | undefined | false;
export type Attrs = Record<string, string | number | null | undefined>;

export interface Element {
  tag: string;
  /** Created in the SVG namespace by the browser. */
  svg: boolean;
  attrs: Record<string, string>;
  children: (Element | string)[];
}

function make(tag: string, svg: boolean, attrs: Attrs, children: (Child | Child[])[]): Element {
  const a: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) a[k] = String(v);
  const kids = children.flat().filter((c): c is Element | string => c !== null && c !== undefined && c !== false);
  return { tag, svg, attrs: a, children: kids };
}

/** An HTML element. Attributes that are null or undefined are left out. */
export function h(tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): Element {
  return make(tag, false, attrs, children);
}

/** An SVG element (its children are SVG too). */
export function s(tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): Element {
  return make(tag, true, attrs, children);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const TAG = /^[a-zA-Z][a-zA-Z0-9-]*$/;

/** The tree as HTML, every text and attribute value escaped. */
export function toHtml(node: Element | string): string {
  if (typeof node === 'string') return escapeHtml(node);
  // tags and attribute names come from code, never from data; checked so a slip cannot inject markup
  if (!TAG.test(node.tag)) throw new Error(`bad tag ${node.tag}`);
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => {
      if (!TAG.test(k)) throw new Error(`bad attribute ${k}`);
      return v === '' ? ` ${k}` : ` ${k}="${escapeHtml(v)}"`;
    })
    .join('');
  if (node.svg && !node.children.length) return `<${node.tag}${attrs}/>`;
  return `<${node.tag}${attrs}>${node.children.map(toHtml).join('')}</${node.tag}>`;
}
