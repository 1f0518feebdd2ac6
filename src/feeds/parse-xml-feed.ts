/**
 * RSS 2.0/0.9x, RSS 1.0 (RDF) and Atom 1.0/0.3 documents to a flat list of items. Pure.
 * Elements are matched by namespace, not by the prefix they happen to carry: an item's own <link>,
 * <title> and <description> are the ones in no namespace (or an RSS namespace), so <atom:link>,
 * <media:title> or a module's <description> written first never stand in for them. Relative links
 * are resolved against xml:base and the document's URL.
 */
import { childNs, childrenNs, NS, parseXml, textOf, XmlError, type XmlElement } from './xml.js';
import { FetchError } from './http.js';
import { htmlToText } from '../ingest/html.js';
import { atomContent, baseOf, idUnder, linkUnder, type Base } from './xml-feed-values.js';

export interface FeedItem {
  id: string | null;
  url: string | null;
  title: string;
  /** Plain text, HTML reduced. */
  body: string;
  author: string | null;
  authorUri: string | null;
  published: string | null;
  lang: string | null;
}

export interface ParsedFeed {
  format: 'rss2' | 'rss1' | 'atom';
  title: string;
  lang: string | null;
  items: FeedItem[];
  /** RFC 5005 next page link, when the feed is paged. */
  next: string | null;
}

const set = (...ns: string[]): ReadonlySet<string> => new Set(ns);
/** RSS 0.9x/2.0 are in no namespace; RSS 1.0, 0.90 and the odd RSS 2.0 publisher declare one. */
const RSS = set('', NS.rss1, 'http://backend.userland.com/rss2', 'http://backend.userland.com/rss', 'http://blogs.law.harvard.edu/tech/rss', 'http://purl.org/net/rss1.1#', 'http://my.netscape.com/rdf/simple/0.9/', 'http://channel.netscape.com/rdf/simple/0.9/');
const ATOM = set(NS.atom, NS.atom03);
const DC = set(NS.dc);
const MEDIA = set(NS.media);

/**
 * Parses a feed. `url` is where it was fetched from: relative links resolve against it (and any
 * xml:base inside); without it they resolve against xml:base only, or stay as written.
 */
export function parseXmlFeed(text: string, url: string | null = null): ParsedFeed {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (err) {
    if (err instanceof XmlError) throw new FetchError('parse', `malformed XML: ${err.message}`);
    throw err;
  }
  const base = baseOf(root, { url, explicit: false });
  if (root.local === 'rss') return parseRss2(root, base);
  if (root.local === 'RDF') return parseRss1(root, base);
  // an Atom feed that forgot its xmlns is still read as Atom
  if (root.local === 'feed') return parseAtom(root, base, root.ns === '' ? set('', ...ATOM) : ATOM);
  throw new FetchError('parse', `not a feed: the document's root is <${root.name.slice(0, 40)}>, expected <rss>, <rdf:RDF> or <feed>`);
}

const trimmed = (el: XmlElement | undefined) => textOf(el).trim();
const orNull = (s: string) => (s ? s : null);
/** The first of these elements with text. */
function firstText(...els: (XmlElement | undefined)[]): string | null {
  for (const el of els) {
    const t = trimmed(el);
    if (t) return t;
  }
  return null;
}

function linkRel(el: XmlElement, atom: ReadonlySet<string>, rel: string, base: Base): string | null {
  for (const l of childrenNs(el, atom, 'link')) if ((l.attrs.rel ?? 'alternate') === rel && l.attrs.href) return linkUnder(l.attrs.href, baseOf(l, base));
  return null;
}

/** An RSS item's elements, each the first of its kind, found in one pass over its children. */
interface RssParts {
  title?: XmlElement;
  link?: XmlElement;
  guid?: XmlElement;
  description?: XmlElement;
  encoded?: XmlElement;
  author?: XmlElement;
  creator?: XmlElement;
  language?: XmlElement;
  /** dates, most specific first: pubDate, dc:date, dcterms issued/created/date, atom:published, dcterms:modified, atom:updated */
  dates: (XmlElement | undefined)[];
  atomAlternate?: XmlElement;
}

function rssParts(it: XmlElement): RssParts {
  const p: RssParts = { dates: [] };
  for (const c of it.children) {
    if (typeof c === 'string') continue;
    const ns = c.ns;
    const l = c.local;
    if (RSS.has(ns)) {
      if (l === 'title') p.title ??= c;
      else if (l === 'link') p.link ??= c;
      else if (l === 'guid') p.guid ??= c;
      else if (l === 'description') p.description ??= c;
      else if (l === 'author') p.author ??= c;
      else if (l === 'pubDate') p.dates[0] ??= c;
    } else if (ns === NS.dc) {
      if (l === 'creator') p.creator ??= c;
      else if (l === 'date') p.dates[1] ??= c;
      else if (l === 'language') p.language ??= c;
    } else if (ns === NS.dcterms) {
      const i = l === 'issued' ? 2 : l === 'created' ? 3 : l === 'date' ? 4 : l === 'modified' ? 6 : -1;
      if (i >= 0) p.dates[i] ??= c;
    } else if (ns === NS.content) {
      if (l === 'encoded') p.encoded ??= c;
    } else if (ATOM.has(ns)) {
      if (l === 'published') p.dates[5] ??= c;
      else if (l === 'updated') p.dates[7] ??= c;
      else if (l === 'link' && (c.attrs.rel ?? 'alternate') === 'alternate' && c.attrs.href) p.atomAlternate ??= c;
    }
  }
  return p;
}

function parseRss2(root: XmlElement, rootBase: Base): ParsedFeed {
  const channel = childNs(root, RSS, 'channel');
  if (!channel) throw new FetchError('parse', 'RSS document without <channel>');
  const base = baseOf(channel, rootBase);
  const items = childrenNs(channel, RSS, 'item').map((it): FeedItem => {
    const b = baseOf(it, base);
    const p = rssParts(it);
    const guidText = trimmed(p.guid);
    const permalink = p.guid && p.guid.attrs.isPermaLink !== 'false' && guidText ? guidText : null;
    const link = trimmed(p.link);
    return {
      // a permalink guid is a URL: relative ones resolve like links; other guids are names
      id: guidText ? (permalink ? idUnder(guidText, b) : guidText) : null,
      url: (link ? linkUnder(link, b) : null) ?? (permalink && /^(https?:|\/|\.)/i.test(permalink) ? linkUnder(permalink, b) : null) ?? (p.atomAlternate ? linkUnder(p.atomAlternate.attrs.href, baseOf(p.atomAlternate, b)) : null),
      title: htmlToText(trimmed(p.title)),
      body: htmlToText(textOf(p.encoded ?? p.description)),
      author: firstText(p.creator, p.author),
      authorUri: null,
      published: firstText(...p.dates),
      lang: null,
    };
  });
  return { format: 'rss2', title: trimmed(childNs(channel, RSS, 'title')), lang: orNull(trimmed(childNs(channel, RSS, 'language')) || trimmed(childNs(channel, DC, 'language'))), items, next: linkRel(channel, ATOM, 'next', base) };
}

function parseRss1(root: XmlElement, rootBase: Base): ParsedFeed {
  const channel = childNs(root, RSS, 'channel');
  const items = childrenNs(root, RSS, 'item').map((it): FeedItem => {
    const b = baseOf(it, rootBase);
    const about = it.attrs['rdf:about'] ?? '';
    const p = rssParts(it);
    return {
      id: about ? idUnder(about, b) : null,
      url: linkUnder(trimmed(p.link), b),
      title: htmlToText(trimmed(p.title)),
      body: htmlToText(textOf(p.encoded ?? p.description)),
      author: firstText(p.creator),
      authorUri: null,
      published: firstText(...p.dates),
      lang: firstText(p.language),
    };
  });
  return { format: 'rss1', title: channel ? trimmed(childNs(channel, RSS, 'title')) : '', lang: channel ? firstText(childNs(channel, DC, 'language')) : null, items, next: null };
}

/** An Atom entry's elements, each the first of its kind, found in one pass over its children. */
interface AtomParts {
  id?: XmlElement;
  title?: XmlElement;
  content?: XmlElement;
  summary?: XmlElement;
  author?: XmlElement;
  links: XmlElement[];
  media?: XmlElement;
  /** published, issued, created (0.3), dcterms issued/created, dc:date, updated, modified (0.3), dcterms:modified */
  dates: (XmlElement | undefined)[];
}

const ATOM_DATES: Record<string, number> = { published: 0, issued: 1, created: 2, updated: 6, modified: 7 };

function atomParts(e: XmlElement, atom: ReadonlySet<string>): AtomParts {
  const p: AtomParts = { links: [], dates: [] };
  for (const c of e.children) {
    if (typeof c === 'string') continue;
    const ns = c.ns;
    const l = c.local;
    if (atom.has(ns)) {
      if (l === 'link') p.links.push(c);
      else if (l === 'id') p.id ??= c;
      else if (l === 'title') p.title ??= c;
      else if (l === 'content') p.content ??= c;
      else if (l === 'summary') p.summary ??= c;
      else if (l === 'author') p.author ??= c;
      else if (l in ATOM_DATES) p.dates[ATOM_DATES[l]] ??= c;
    } else if (ns === NS.dcterms) {
      const i = l === 'issued' ? 3 : l === 'created' ? 4 : l === 'modified' ? 8 : -1;
      if (i >= 0) p.dates[i] ??= c;
    } else if (ns === NS.dc) {
      if (l === 'date') p.dates[5] ??= c;
    } else if (ns === NS.media && l === 'group') p.media ??= c;
  }
  return p;
}

function parseAtom(root: XmlElement, base: Base, atom: ReadonlySet<string>): ParsedFeed {
  const feedLang = root.attrs['xml:lang'] ?? null;
  const items = childrenNs(root, atom, 'entry').map((e): FeedItem => {
    const b = baseOf(e, base);
    const p = atomParts(e, atom);
    const alt = p.links.find((l) => !l.attrs.rel || l.attrs.rel === 'alternate') ?? p.links[0];
    const body = atomContent(p.content) || atomContent(p.summary) || (p.media ? trimmed(childNs(p.media, MEDIA, 'description')) : '');
    const id = trimmed(p.id);
    const authorUri = p.author ? trimmed(childNs(p.author, atom, 'uri')) || trimmed(childNs(p.author, atom, 'url')) : '';
    return {
      id: id ? idUnder(id, baseOf(p.id!, b)) : null,
      url: alt?.attrs.href ? linkUnder(alt.attrs.href, baseOf(alt, b)) : null,
      title: atomContent(p.title),
      body,
      author: p.author ? orNull(trimmed(childNs(p.author, atom, 'name'))) : null,
      authorUri: authorUri ? linkUnder(authorUri, b) : null,
      published: firstText(...p.dates),
      lang: e.attrs['xml:lang'] ?? null,
    };
  });
  return { format: 'atom', title: atomContent(childNs(root, atom, 'title')), lang: feedLang, items, next: linkRel(root, atom, 'next', base) };
}
