/** HTML reduced to plain text, entities decoded: pure, runtime-agnostic, for post bodies from any source. */
import { windows1252C1 } from '../util/encoding.js';

// The named entities that occur in real feeds and posts; any other named reference stays as written.
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', bull: '•', middot: '·', copy: '©', reg: '®', trade: '™',
  deg: '°', plusmn: '±', times: '×', divide: '÷', frac12: '½', frac14: '¼', frac34: '¾', euro: '€', pound: '£',
  yen: '¥', cent: '¢', sect: '§', para: '¶', dagger: '†', Dagger: '‡', permil: '‰', prime: '′', Prime: '″',
  larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔', hearts: '♥', check: '✓', star: '☆', iexcl: '¡', iquest: '¿',
  shy: '', zwj: '\u200d', zwnj: '\u200c', lrm: '\u200e', rlm: '\u200f',
  agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', auml: 'ä', aring: 'å', aelig: 'æ', ccedil: 'ç', egrave: 'è',
  eacute: 'é', ecirc: 'ê', euml: 'ë', igrave: 'ì', iacute: 'í', icirc: 'î', iuml: 'ï', ntilde: 'ñ', ograve: 'ò',
  oacute: 'ó', ocirc: 'ô', otilde: 'õ', ouml: 'ö', oslash: 'ø', ugrave: 'ù', uacute: 'ú', ucirc: 'û', uuml: 'ü',
  yacute: 'ý', yuml: 'ÿ', szlig: 'ß', Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', Auml: 'Ä', Aring: 'Å',
  AElig: 'Æ', Ccedil: 'Ç', Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', Euml: 'Ë', Igrave: 'Ì', Iacute: 'Í', Icirc: 'Î',
  Iuml: 'Ï', Ntilde: 'Ñ', Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ', Ouml: 'Ö', Oslash: 'Ø', Ugrave: 'Ù',
  Uacute: 'Ú', Ucirc: 'Û', Uuml: 'Ü', Yacute: 'Ý', oelig: 'œ', OElig: 'Œ', scaron: 'š', Scaron: 'Š',
};

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (code >= 0x80 && code <= 0x9f) return windows1252C1(code); // as the HTML standard reads &#150;
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
    }
    const v = NAMED[ref];
    return v === undefined ? m : v;
  });
}

const BLOCK = /^(p|div|br|li|ul|ol|h[1-6]|blockquote|pre|tr|table|section|article|header|footer|hr|dd|dt)$/i;

/** Strips tags (dropping script/style/head content), turns block ends into newlines, decodes entities. */
export function htmlToText(html: string): string {
  if (html.indexOf('<') < 0) return decodeEntities(html).replace(/\u00a0/g, ' ');
  let s = html.replace(/<(script|style|head|template|noscript)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<!--[\s\S]*?-->/g, '');
  s = s.replace(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g, (_m, tag: string) => (BLOCK.test(tag) ? '\n' : ''));
  s = s.replace(/<[^>]*>/g, ''); // stray markup (e.g. unclosed angle brackets from broken HTML)
  return decodeEntities(s)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Does this look like HTML rather than plain text? */
export function looksLikeHtml(s: string): boolean {
  return /<\/?[a-zA-Z][^>]*>|&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(s);
}
