/**
 * A small, safe, non-validating XML parser for feeds. Safe by construction: the DOCTYPE (with any
 * internal subset) is skipped, never interpreted, so no entity declared there is ever expanded
 * ("billion laughs") and no external entity is ever fetched (XXE). Only the five predefined
 * entities and numeric character references are decoded; other references stay as written.
 */

import { windows1252C1 } from '../util/encoding.js';

export interface XmlElement {
  name: string; // qualified name as written, e.g. "item", "dc:creator", "atom:link"
  /** The name without its prefix: "creator" for "dc:creator". */
  local: string;
  /**
   * The namespace the prefix (or the default namespace) is bound to where the element sits, '' for
   * none. An undeclared prefix that feeds commonly use without declaring it (dc, content, atom…) gets
   * its usual namespace; any other undeclared prefix a namespace of its own, so it never passes for
   * an element in no namespace.
   */
  ns: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {
  override name = 'XmlError';
}

const MAX_DEPTH = 200;

export const NS = {
  xml: 'http://www.w3.org/XML/1998/namespace',
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rss1: 'http://purl.org/rss/1.0/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  media: 'http://search.yahoo.com/mrss/',
} as const;

/** Prefixes feeds use without declaring them, read as their usual namespaces. */
const WELL_KNOWN = new Map<string, string>([['xml', NS.xml], ['atom', NS.atom], ['rdf', NS.rdf], ['dc', NS.dc], ['dcterms', NS.dcterms], ['content', NS.content], ['media', NS.media]]);

/**
 * The bindings in force: the default namespace and every prefix. Declarations are rare (mostly on
 * the root), so an element that declares some gets a copy; every other element shares its parent's.
 */
interface Scope {
  defaultNs: string;
  prefixes: Map<string, string>;
}
const ROOT_SCOPE: Scope = { defaultNs: '', prefixes: new Map([['xml', NS.xml]]) };

function resolveNs(scope: Scope, name: string, colon: number): string {
  if (colon < 0) return scope.defaultNs;
  const prefix = name.slice(0, colon);
  return scope.prefixes.get(prefix) ?? WELL_KNOWN.get(prefix) ?? `urn:x-undeclared-prefix:${prefix}`;
}
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z][a-z0-9]{0,31});/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      // &#150; from a Windows tool means "–" (as in HTML), not a C1 control character
      if (code >= 0x80 && code <= 0x9f) return windows1252C1(code);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
    }
    return PREDEFINED[ref] ?? m;
  });
}

function lineOf(text: string, pos: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Skips `<!DOCTYPE ...>` including a bracketed internal subset (quotes and comments respected). */
function skipDoctype(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, j + 1);
      if (end < 0) break;
      j = end;
    } else if (c === '<' && text.startsWith('<!--', j)) {
      const end = text.indexOf('-->', j + 4);
      if (end < 0) break;
      j = end + 2;
    } else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return j + 1;
  }
  throw new XmlError('unterminated DOCTYPE');
}

/** Finds the '>' closing a tag, skipping quoted attribute values. */
function tagEnd(text: string, i: number): number {
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 62) return j; // >
    if (c === 34 || c === 39) {
      const end = text.indexOf(text[j], j + 1);
      if (end < 0) return -1;
      j = end;
    }
  }
  return -1;
}

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', local: '#document', ns: '', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  // the namespace bindings in force, one per open element: shared with the parent unless the element declares some
  const scopes: Scope[] = [ROOT_SCOPE];
  let i = 0;
  const len = text.length;
  while (i < len) {
    const lt = text.indexOf('<', i);
    const top = stack[stack.length - 1];
    if (lt < 0) {
      if (stack.length > 1) pushText(top, text.slice(i));
      break;
    }
    if (lt > i && stack.length > 1) pushText(top, text.slice(i, lt));
    const next = text.charCodeAt(lt + 1);
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      i = skipMarkup(text, lt, stack.length > 1 ? top : null);
      continue;
    }
    const end = tagEnd(text, lt + 1);
    if (end < 0) throw new XmlError(`unterminated tag at line ${lineOf(text, lt)}`);
    if (next === 47 /* / */) {
      const name = text.slice(lt + 2, end).trim();
      if (stack.length <= 1 || top.name !== name) throw new XmlError(`unexpected </${name.slice(0, 60)}> at line ${lineOf(text, lt)}${stack.length > 1 ? ` (open: <${top.name}>)` : ''}`);
      stack.pop();
      scopes.pop();
      i = end + 1;
      continue;
    }
    const selfClosing = text.charCodeAt(end - 1) === 47;
    const inner = text.slice(lt + 1, selfClosing ? end - 1 : end);
    const ws = inner.search(/[\s]/);
    const name = ws < 0 ? inner : inner.slice(0, ws);
    if (!name || /[<>"'=]/.test(name)) throw new XmlError(`malformed tag at line ${lineOf(text, lt)}`);
    const colon = name.indexOf(':');
    const el: XmlElement = { name, local: colon < 0 ? name : name.slice(colon + 1), ns: '', attrs: {}, children: [] };
    const scope = ws >= 0 ? readAttrs(el, inner.slice(ws), scopes[scopes.length - 1]) : scopes[scopes.length - 1];
    el.ns = resolveNs(scope, name, colon);
    if (stack.length === 1 && root.children.length > 0) throw new XmlError(`a second root element <${name}> at line ${lineOf(text, lt)}`);
    top.children.push(el);
    if (!selfClosing) {
      if (stack.length > MAX_DEPTH) throw new XmlError(`elements nested deeper than ${MAX_DEPTH}`);
      stack.push(el);
      scopes.push(scope);
    }
    i = end + 1;
  }
  if (stack.length > 1) throw new XmlError(`document ends inside <${stack[stack.length - 1].name}> (truncated?)`);
  const doc = root.children[0];
  if (!doc || typeof doc === 'string') throw new XmlError('no root element: not an XML document');
  return doc;
}

/** Comments, CDATA (text of `el`, when inside one), a DOCTYPE and processing instructions: returns where parsing resumes. */
function skipMarkup(text: string, lt: number, el: XmlElement | null): number {
  if (text.charCodeAt(lt + 1) === 63 /* ? */) {
    const end = text.indexOf('?>', lt + 2);
    if (end < 0) throw new XmlError(`unterminated processing instruction at line ${lineOf(text, lt)}`);
    return end + 2;
  }
  if (text.startsWith('<!--', lt)) {
    const end = text.indexOf('-->', lt + 4);
    if (end < 0) throw new XmlError(`unterminated comment at line ${lineOf(text, lt)}`);
    return end + 3;
  }
  if (text.startsWith('<![CDATA[', lt)) {
    const end = text.indexOf(']]>', lt + 9);
    if (end < 0) throw new XmlError(`unterminated CDATA at line ${lineOf(text, lt)}`);
    if (el) el.children.push(text.slice(lt + 9, end));
    return end + 3;
  }
  if (/^<!DOCTYPE/i.test(text.slice(lt, lt + 9))) {
    if (el) throw new XmlError(`DOCTYPE inside an element at line ${lineOf(text, lt)}`);
    return skipDoctype(text, lt + 9);
  }
  throw new XmlError(`unexpected markup at line ${lineOf(text, lt)}`);
}

/** Reads a tag's attributes into `el`; returns the element's namespace scope (the parent's, unless it declares some). */
function readAttrs(el: XmlElement, rest: string, parent: Scope): Scope {
  let scope = parent;
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(rest)) !== null) {
    const key = m[1];
    const value = decodeXmlEntities(m[2] ?? m[3] ?? '');
    el.attrs[key] = value;
    if (key.charCodeAt(0) === 120 /* x */ && (key === 'xmlns' || key.startsWith('xmlns:'))) {
      if (scope === parent) scope = { defaultNs: scope.defaultNs, prefixes: new Map(scope.prefixes) };
      if (key === 'xmlns') scope.defaultNs = value;
      else scope.prefixes.set(key.slice(6), value);
    }
  }
  return scope;
}

function pushText(el: XmlElement, raw: string): void {
  el.children.push(decodeXmlEntities(raw));
}

/** The local part of a qualified name: "dc:creator" → "creator". */
export function localName(name: string): string {
  const c = name.indexOf(':');
  return c < 0 ? name : name.slice(c + 1);
}

/** The first child element named `local` in one of these namespaces. */
export function childNs(el: XmlElement, ns: ReadonlySet<string>, local: string): XmlElement | undefined {
  for (const c of el.children) if (typeof c !== 'string' && c.local === local && ns.has(c.ns)) return c;
  return undefined;
}

/** Every child element named `local` in one of these namespaces. */
export function childrenNs(el: XmlElement, ns: ReadonlySet<string>, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== 'string' && c.local === local && ns.has(c.ns)) out.push(c);
  return out;
}

export function childElements(el: XmlElement, local?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== 'string' && (local === undefined || localName(c.name) === local)) out.push(c);
  return out;
}

/** First child with this qualified name, or with this local name when no prefix is given. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  const byLocal = !name.includes(':');
  for (const c of el.children) if (typeof c !== 'string' && (c.name === name || (byLocal && localName(c.name) === name))) return c;
  return undefined;
}

/** The concatenated text content of an element (CDATA included, markup of children kept as their text). */
export function textOf(el: XmlElement | undefined): string {
  if (!el) return '';
  if (el.children.length === 1 && typeof el.children[0] === 'string') return el.children[0];
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textOf(c);
  return s;
}
