/** RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 documents to a flat list of items. Pure. */
import { child, childElements, localName, parseXml, textOf, XmlError, type XmlElement } from './xml.js';
import { FetchError } from './http.js';
import { htmlToText } from '../ingest/html.js';

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

export function parseXmlFeed(text: string): ParsedFeed {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (err) {
    if (err instanceof XmlError) throw new FetchError('parse', `malformed XML: ${err.message}`);
    throw err;
  }
  const kind = localName(root.name);
  if (kind === 'rss') return parseRss2(root);
  if (kind === 'RDF') return parseRss1(root);
  if (kind === 'feed') return parseAtom(root);
  throw new FetchError('parse', `not a feed: the document's root is <${root.name.slice(0, 40)}>, expected <rss>, <rdf:RDF> or <feed>`);
}

const trimmed = (el: XmlElement | undefined) => textOf(el).trim();
const orNull = (s: string) => (s ? s : null);

function nextLink(el: XmlElement): string | null {
  for (const l of childElements(el, 'link')) if (l.attrs.rel === 'next' && l.attrs.href) return l.attrs.href;
  return null;
}

function parseRss2(root: XmlElement): ParsedFeed {
  const channel = child(root, 'channel');
  if (!channel) throw new FetchError('parse', 'RSS document without <channel>');
  const items = childElements(channel, 'item').map((it): FeedItem => {
    const guid = child(it, 'guid');
    const content = child(it, 'content:encoded') ?? child(it, 'description');
    return {
      id: orNull(trimmed(guid)),
      url: orNull(trimmed(child(it, 'link'))) ?? (guid && guid.attrs.isPermaLink !== 'false' && /^https?:/.test(trimmed(guid)) ? trimmed(guid) : null),
      title: htmlToText(trimmed(child(it, 'title'))),
      body: htmlToText(textOf(content)),
      author: orNull(trimmed(child(it, 'dc:creator')) || trimmed(child(it, 'author'))),
      authorUri: null,
      published: orNull(trimmed(child(it, 'pubDate')) || trimmed(child(it, 'dc:date'))),
      lang: null,
    };
  });
  return { format: 'rss2', title: trimmed(child(channel, 'title')), lang: orNull(trimmed(child(channel, 'language'))), items, next: nextLink(channel) };
}

function parseRss1(root: XmlElement): ParsedFeed {
  const channel = child(root, 'channel');
  const items = childElements(root, 'item').map((it): FeedItem => ({
    id: orNull(it.attrs['rdf:about'] ?? ''),
    url: orNull(trimmed(child(it, 'link'))),
    title: htmlToText(trimmed(child(it, 'title'))),
    body: htmlToText(textOf(child(it, 'content:encoded') ?? child(it, 'description'))),
    author: orNull(trimmed(child(it, 'dc:creator'))),
    authorUri: null,
    published: orNull(trimmed(child(it, 'dc:date'))),
    lang: orNull(trimmed(child(it, 'dc:language'))),
  }));
  return { format: 'rss1', title: channel ? trimmed(child(channel, 'title')) : '', lang: channel ? orNull(trimmed(child(channel, 'dc:language'))) : null, items, next: null };
}

function atomText(el: XmlElement | undefined): string {
  if (!el) return '';
  const type = el.attrs.type;
  const raw = textOf(el);
  return type === 'html' || type === 'xhtml' || type === 'text/html' ? htmlToText(raw) : raw.trim();
}

function parseAtom(root: XmlElement): ParsedFeed {
  const feedLang = root.attrs['xml:lang'] ?? null;
  const items = childElements(root, 'entry').map((e): FeedItem => {
    const links = childElements(e, 'link');
    const alt = links.find((l) => !l.attrs.rel || l.attrs.rel === 'alternate') ?? links[0];
    const author = child(e, 'author');
    const media = child(e, 'media:group');
    const body = atomText(child(e, 'content')) || atomText(child(e, 'summary')) || (media ? trimmed(child(media, 'media:description')) : '');
    return {
      id: orNull(trimmed(child(e, 'id'))),
      url: alt?.attrs.href ?? null,
      title: atomText(child(e, 'title')),
      body,
      author: author ? orNull(trimmed(child(author, 'name'))) : null,
      authorUri: author ? orNull(trimmed(child(author, 'uri'))) : null,
      published: orNull(trimmed(child(e, 'published')) || trimmed(child(e, 'updated'))),
      lang: e.attrs['xml:lang'] ?? null,
    };
  });
  return { format: 'atom', title: atomText(child(root, 'title')), lang: feedLang, items, next: nextLink(root) };
}
