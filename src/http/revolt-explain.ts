/**
 * "Why it opened" in sentences, from the detector's explanation. Pure and defensive: the detector
 * is being reworked, so every field is optional here; a field that is missing (or of another
 * shape) leaves its sentence out. New fields are used when present: `levels` (which detection
 * levels fired) and `coordinated` (a copy-paste campaign).
 */
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const fmt = (n: number, digits = 1) => (Number.isInteger(n) ? n.toLocaleString('en') : n.toFixed(digits));
const keyName = (k: string) => k.replace(/^phrase:/, '“').replace(/^(“.*)$/, '$1”').replace(/^link:/, 'the link ');

export interface KeyRow {
  key: string;
  observed: number | null;
  expected: number | null;
  score: number | null;
  note: string | null;
}

export interface LevelRow {
  level: string;
  key: string;
  observed: number | null;
  expected: number | null;
  score: number | null;
  windowMinutes: number | null;
}

export interface RevoltExplanation {
  sentences: string[];
  mergedKeys: KeyRow[];
  levels: LevelRow[];
  coordinated: { authors: number | null; posts: number | null; text: string | null } | null;
  now: string[];
}

export function explainRevolt(e: Obj): RevoltExplanation {
  const sentences: string[] = [];
  const reason = str(e.reason) ?? str(e.why) ?? str(e.summary);
  if (reason) sentences.push(`${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`.replace(/\.\.$/, '.'));
  const w = obj(e.window);
  const key = str(e.key);
  const observed = num(e.observed);
  const posts = num(e.posts);
  const expected = num(e.expected);
  if (key && observed !== null) {
    const span = w && str(w.from) && str(w.to) ? ` between ${String(w.from).slice(11, 16)} and ${String(w.to).slice(11, 16)} UTC${num(w.minutes) ? ` (${num(w.minutes)} minutes)` : ''}` : '';
    sentences.push(`${fmt(observed, 0)} different customers${posts !== null && posts !== observed ? ` wrote ${fmt(posts, 0)} negative posts` : ' complained'} about ${keyName(key)}${str(e.kind) ? ` (a ${e.kind})` : ''}${span}.`);
  }
  if (expected !== null) {
    const ratio = num(e.ratio);
    sentences.push(`Its own history (and that of similar brands) expected about ${fmt(expected, 2)} in such a window${ratio !== null ? `: this is ${fmt(ratio)} times that` : ''}.`);
  }
  const p = num(e.pValue);
  if (p !== null) sentences.push(`A burst this large happens by chance with a probability of ${p < 0.001 ? p.toExponential(1) : fmt(p, 3)}${str(e.test) ? ` (${e.test})` : ''}.`);
  const k = num(e.keysInPlay);
  if (k !== null && k > 1) sentences.push(`${fmt(k, 0)} keys were being watched at the same time; the test is corrected for looking at all of them.`);
  const share = num(e.negativeShare);
  if (share !== null) sentences.push(`${Math.round(share * 100)} % of what was said about it was negative.`);
  const first = obj(e.firstPost);
  if (first && str(first.text)) sentences.push(`The first post: “${String(first.text).slice(0, 200)}”`);
  const most = obj(e.mostReached);
  if (most && str(most.text)) sentences.push(`The most seen post${num(most.reach) !== null ? ` (reach ${fmt(num(most.reach)!, 0)})` : ''}: “${String(most.text).slice(0, 200)}”`);
  const sources = Array.isArray(e.sources) ? (e.sources as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  if (sources.length) sentences.push(`Seen on ${sources.join(', ')}.`);
  const terms = Array.isArray(e.topTerms) ? (e.topTerms as unknown[]).map((t) => str(obj(t)?.term) ?? str(t)).filter((t): t is string => Boolean(t)) : [];
  if (terms.length) sentences.push(`The words that come back most: ${terms.slice(0, 8).join(', ')}.`);

  const mergedKeys: KeyRow[] = (Array.isArray(e.mergedKeys) ? (e.mergedKeys as unknown[]) : [])
    .map(obj)
    .filter((m): m is Obj => m !== null && typeof m.key === 'string')
    .map((m) => ({ key: String(m.key), observed: num(m.observed), expected: num(m.expected), score: num(m.score), note: str(m.why) ?? (str(m.revolt) ? `merged revolt ${m.revolt}` : null) }));
  const levels: LevelRow[] = (Array.isArray(e.levels) ? (e.levels as unknown[]) : [])
    .map(obj)
    .filter((m): m is Obj => m !== null && typeof m.key === 'string')
    .map((m) => ({ level: str(m.level) ?? '—', key: String(m.key), observed: num(m.observed), expected: num(m.expected), score: num(m.score), windowMinutes: num(m.windowMinutes) }));
  if (levels.length) sentences.push(`It fired at ${levels.length === 1 ? 'one level' : `${levels.length} levels`}: ${[...new Set(levels.map((l) => l.level))].join(', ')}.`);
  const co = obj(e.coordinated);
  const coordinated = co ? { authors: num(co.authors), posts: num(co.posts), text: str(co.text) } : null;
  if (coordinated) sentences.push(`It looks coordinated: ${coordinated.authors ?? 'several'} accounts posted ${coordinated.posts ?? 'many'} copies of the same text${coordinated.text ? ` (“${coordinated.text.slice(0, 160)}”)` : ''}. Check before answering it as a crowd of customers.`);

  const now: string[] = [];
  const cur = obj(e.current);
  if (cur) {
    if (str(cur.stage)) now.push(`Stage: ${cur.stage}.`);
    if (num(cur.members) !== null) now.push(`${fmt(num(cur.members)!, 0)} posts from ${fmt(num(cur.distinctAuthors) ?? 0, 0)} authors so far${num(cur.duplicates) ? `, and ${fmt(num(cur.duplicates)!, 0)} reposts` : ''}.`);
    if (num(cur.voicesLastHour) !== null) now.push(`${fmt(num(cur.voicesLastHour)!)} voices in the last hour (expected ${fmt(num(cur.expectedLastHour) ?? 0, 2)}); the peak was ${fmt(num(cur.peakPerHour) ?? 0)} an hour.`);
    if (num(cur.reach) !== null) now.push(`Reach: ${fmt(num(cur.reach)!, 0)} followers${num(cur.influentialAuthors) ? `, ${num(cur.influentialAuthors)} influential authors` : ''}.`);
    const esc = obj(cur.escalation);
    if (esc && Object.keys(esc).length) now.push(`Escalation cues: ${Object.entries(esc).map(([id, n]) => `${id} (${n} authors)`).join(', ')}.`);
    if (str(cur.mergedInto)) now.push(`Merged into revolt ${cur.mergedInto}.`);
  }
  return { sentences, mergedKeys, levels, coordinated, now };
}
