/** Values inside feed elements: URLs under xml:base, ids, and Atom text constructs (incl. Atom 0.3 base64). Pure. */
import { textOf, type XmlElement } from './xml.js';
import { htmlToText } from '../ingest/html.js';

/** The base URI in force at an element; `explicit` when an xml:base (not only the document URL) set it. */
export interface Base {
  url: string | null;
  explicit: boolean;
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

function resolve(ref: string, base: string | null): string | null {
  if (!base) return null;
  try {
    return new URL(ref, base).toString();
  } catch {
    return null;
  }
}

/** The base inside `el`: its xml:base, itself resolved against the parent's base. */
export function baseOf(el: XmlElement, parent: Base): Base {
  const b = el.attrs['xml:base'];
  if (b === undefined) return parent;
  const t = b.trim();
  return { url: ABSOLUTE.test(t) ? t : (resolve(t, parent.url) ?? parent.url), explicit: true };
}

/** A link: as written when absolute, else resolved against the base in force (as written when there is none). */
export function linkUnder(ref: string, base: Base): string | null {
  const r = ref.trim();
  if (!r) return null;
  if (ABSOLUTE.test(r)) return r;
  return resolve(r, base.url) ?? r;
}

/**
 * An id: ids are names, so a relative one is resolved only under an explicit xml:base (as feedparser
 * and browsers do); without one, "1234" or "/posts/9" stays as the publisher wrote it.
 */
export function idUnder(ref: string, base: Base): string {
  const r = ref.trim();
  if (ABSOLUTE.test(r) || !base.explicit) return r;
  return resolve(r, base.url) ?? r;
}

const HTML_TYPES = new Set(['html', 'xhtml', 'text/html', 'application/xhtml+xml']);

/** Text media types and XML ones are inline; any other type is base64 (RFC 4287 §4.1.3.3). */
function inline(type: string): boolean {
  return type === '' || type === 'text' || HTML_TYPES.has(type) || type.startsWith('text/') || type.endsWith('+xml') || type.endsWith('/xml');
}

function base64Text(s: string): string | null {
  try {
    const bin = atob(s.replace(/\s+/g, ''));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null; // not base64, or not text: nothing to classify
  }
}

/**
 * An Atom text construct or content as plain text: `type` html/xhtml (Atom 1.0) or text/html (0.3)
 * reduced from HTML; Atom 0.3 `mode="base64"` decoded first (kept when it is UTF-8 text); content of
 * a non-text type (an image, a file) has no text.
 */
export function atomContent(el: XmlElement | undefined): string {
  if (!el) return '';
  const type = (el.attrs.type ?? '').trim().toLowerCase();
  const mode = (el.attrs.mode ?? '').trim().toLowerCase();
  let raw = textOf(el);
  if (!inline(type)) return ''; // base64 of an image or a file: no text in it
  if (mode === 'base64') {
    const decoded = base64Text(raw);
    if (decoded === null) return '';
    raw = decoded;
  }
  return HTML_TYPES.has(type) ? htmlToText(raw) : raw.trim();
}
