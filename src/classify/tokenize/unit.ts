/** The lexical unit every later stage works on, whatever the language. */
export type UnitKind =
  | 'w' // word (hashtag words included)
  | 'e' // emoji or emoticon
  | 'p' // punctuation run: clause and sentence boundaries, "!!!", "?"
  | 'm' // @mention
  | 'u' // url
  | 'n'; // number

export interface Unit {
  /** lower-cased surface, letters repeated 3+ times squashed to 2 ("sooo" → "soo") */
  text: string;
  /** lookup key: English Porter stem, Polish normalised stem, Chinese word as is */
  key: string;
  kind: UnitKind;
  /** ALL CAPS in the original (shouting) */
  caps: boolean;
  /** elongated in the original ("sooo", "nooo"); `alt` is the fully squashed form */
  elong: boolean;
  alt?: string;
  /**
   * Word units are shared between posts (tokeniser caches): the feature extractor keeps its
   * per-classifier facts about the word here (see features.ts). Not part of the unit's meaning.
   */
  fx?: unknown;
  /** the same for the lexicon scorer (lexicon/score.ts) */
  lx?: unknown;
  /** the same for the learned escalation head (cues/escalation-head.ts) */
  eh?: unknown;
}
