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
const DCTERMS = set(NS.dcterms);
const CONTENT = set(NS.content);
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

function parseRss2(root: XmlElement, rootBase: Base): ParsedFeed {
  const channel = childNs(root, RSS, 'channel');
  if (!channel) throw new FetchError('parse', 'RSS document without <channel>');
  const base = baseOf(channel, rootBase);
  const items = childrenNs(channel, RSS, 'item').map((it): FeedItem => {
    const b = baseOf(it, base);
    const guid = childNs(it, RSS, 'guid');
    const guidText = trimmed(guid);
    const permalink = guid && guid.attrs.isPermaLink !== 'false' && guidText ? guidText : null;
    const link = trimmed(childNs(it, RSS, 'link'));
    const content = childNs(it, CONTENT, 'encoded') ?? childNs(it, RSS, 'description');
    return {
      // a permalink guid is a URL: relative ones resolve like links; other guids are names
      id: guidText ? (permalink ? idUnder(guidText, b) : guidText) : null,
      url: (link ? linkUnder(link, b) : null) ?? (permalink && /^(https?:|\/|\.)/i.test(permalink) ? linkUnder(permalink, b) : null) ?? linkRel(it, ATOM, 'alternate', b),
      title: htmlToText(trimmed(childNs(it, RSS, 'title'))),
      body: htmlToText(textOf(content)),
      author: firstText(childNs(it, DC, 'creator'), childNs(it, RSS, 'author')),
      authorUri: null,
      published: firstText(childNs(it, RSS, 'pubDate'), childNs(it, DC, 'date'), childNs(it, DCTERMS, 'issued'), childNs(it, DCTERMS, 'created'), childNs(it, DCTERMS, 'date'), childNs(it, ATOM, 'published'), childNs(it, DCTERMS, 'modified'), childNs(it, ATOM, 'updated')),
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
    return {
      id: about ? idUnder(about, b) : null,
      url: linkUnder(trimmed(childNs(it, RSS, 'link')), b),
      title: htmlToText(trimmed(childNs(it, RSS, 'title'))),
      body: htmlToText(textOf(childNs(it, CONTENT, 'encoded') ?? childNs(it, RSS, 'description'))),
      author: firstText(childNs(it, DC, 'creator')),
      authorUri: null,
      published: firstText(childNs(it, DC, 'date'), childNs(it, DCTERMS, 'issued'), childNs(it, DCTERMS, 'created'), childNs(it, DCTERMS, 'modified')),
      lang: firstText(childNs(it, DC, 'language')),
    };
  });
  return { format: 'rss1', title: channel ? trimmed(childNs(channel, RSS, 'title')) : '', lang: channel ? firstText(childNs(channel, DC, 'language')) : null, items, next: null };
}

function parseAtom(root: XmlElement, base: Base, atom: ReadonlySet<string>): ParsedFeed {
  const feedLang = root.attrs['xml:lang'] ?? null;
  const items = childrenNs(root, atom, 'entry').map((e): FeedItem => {
    const b = baseOf(e, base);
    const links = childrenNs(e, atom, 'link');
    const alt = links.find((l) => !l.attrs.rel || l.attrs.rel === 'alternate') ?? links[0];
    const author = childNs(e, atom, 'author');
    const media = childNs(e, MEDIA, 'group');
    const body = atomContent(childNs(e, atom, 'content')) || atomContent(childNs(e, atom, 'summary')) || (media ? trimmed(childNs(media, MEDIA, 'description')) : '');
    const id = trimmed(childNs(e, atom, 'id'));
    const authorUri = author ? trimmed(childNs(author, atom, 'uri')) || trimmed(childNs(author, atom, 'url')) : '';
    return {
      id: id ? idUnder(id, baseOf(childNs(e, atom, 'id')!, b)) : null,
      url: alt?.attrs.href ? linkUnder(alt.attrs.href, baseOf(alt, b)) : null,
      title: atomContent(childNs(e, atom, 'title')),
      body,
      author: author ? orNull(trimmed(childNs(author, atom, 'name'))) : null,
      authorUri: authorUri ? linkUnder(authorUri, b) : null,
      // Atom 1.0 published/updated; Atom 0.3 issued/created/modified; Dublin Core terms
      published: firstText(
        childNs(e, atom, 'published'), childNs(e, atom, 'issued'), childNs(e, atom, 'created'), childNs(e, DCTERMS, 'issued'), childNs(e, DCTERMS, 'created'),
        childNs(e, DC, 'date'), childNs(e, atom, 'updated'), childNs(e, atom, 'modified'), childNs(e, DCTERMS, 'modified'),
      ),
      lang: e.attrs['xml:lang'] ?? null,
    };
  });
  return { format: 'atom', title: atomContent(childNs(root, atom, 'title')), lang: feedLang, items, next: linkRel(root, atom, 'next', base) };
}
