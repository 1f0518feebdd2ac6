/**
 * Bytes → text by the WHATWG Encoding Standard, which is what publishers' tools and browsers do:
 * the labels "iso-8859-1", "latin1", "us-ascii", "cp1252"… all mean windows-1252, whose bytes
 * 0x80–0x9F are ’ “ ” – — € … and not C1 control characters. Node's TextDecoder resolves those
 * labels to "windows-1252" but decodes them as ISO-8859-1, so Windows-made feeds came out with
 * control characters in place of their punctuation. Pure and runtime-agnostic.
 */

/** windows-1252 0x80–0x9F (WHATWG index); the five unassigned bytes keep their C1 code point. */
const C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const C1_CHARS = C1.map((c) => String.fromCharCode(c));

/**
 * The character windows-1252 gives byte/code `code` in 0x80–0x9F. Also used for numeric character
 * references: HTML maps `&#150;` to "–" the same way, and feeds written by Windows tools mean it.
 */
export function windows1252C1(code: number): string {
  return C1_CHARS[code - 0x80];
}

/** The WHATWG name of a charset label ("ISO-8859-1" → "windows-1252"), or null when unknown. */
export function encodingOf(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/** Decodes `bytes` in the encoding named by `label` (UTF-8 for an unknown label). */
export function decodeBytes(bytes: Uint8Array, label: string): string {
  const encoding = encodingOf(label) ?? 'utf-8';
  if (encoding !== 'windows-1252') return new TextDecoder(encoding).decode(bytes);
  const latin = new TextDecoder('windows-1252').decode(bytes); // Latin-1 in Node: right for every byte but 0x80–0x9F
  return /[\x80-\x9f]/.test(latin) ? latin.replace(/[\x80-\x9f]/g, (c) => C1_CHARS[c.charCodeAt(0) - 0x80]) : latin;
}
