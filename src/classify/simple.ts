/**
 * The first, simple classifier: a weighted lexicon with negation, plus keyword topics and
 * escalation cues. Honest and explainable; the classification issue replaces it with rule files
 * per language and a naive Bayes model behind the same Classifier interface.
 */
import type { Classifier, EscalationHit, Sentiment, TopicHit, Verdict } from '../types.js';

export interface SimpleLexicon {
  words: Record<string, number>; // word → weight (-4..4)
  negators: string[];
  complaintCues: string[];
  topics: { id: string; pillar: string; touchpoint: string; keywords: string[] }[];
  escalation: { id: string; cues: string[] }[];
}

const TOKEN_RE = /[\p{L}\p{N}']+|[\u{1F300}-\u{1FAFF}\u2600-\u27BF]/gu;

export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(TOKEN_RE) ?? []).map((t) => t.replace(/^'+|'+$/g, ''));
}

export function detectLanguage(text: string): string {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  if (han >= 2) return 'zh';
  if (/[ąćęłńóśźż]/i.test(text) || /\b(nie|jest|się|bardzo|dla)\b/i.test(text)) return 'pl';
  if (/[a-z]/i.test(text)) return 'en';
  return 'und';
}

export function createSimpleClassifier(lex: SimpleLexicon, version = 'simple-lexicon-1'): Classifier {
  const negators = new Set(lex.negators);
  return {
    version,
    classify(text: string, lang?: string | null): Verdict {
      const language = lang || detectLanguage(text);
      const tokens = tokenize(text);
      const lower = ' ' + tokens.join(' ') + ' ';
      let sum = 0;
      const hits: { word: string; weight: number }[] = [];
      tokens.forEach((tok, i) => {
        const w = lex.words[tok];
        if (w === undefined) return;
        const negated = [1, 2, 3].some((k) => i - k >= 0 && negators.has(tokens[i - k]));
        const weight = negated ? -w * 0.75 : w;
        sum += weight;
        hits.push({ word: negated ? `not ${tok}` : tok, weight });
      });
      const score = sum === 0 ? 0 : Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + 15)));
      const label: Sentiment = score <= -0.05 ? 'negative' : score >= 0.05 ? 'positive' : 'neutral';
      const topics: TopicHit[] = [];
      for (const t of lex.topics) {
        const n = t.keywords.filter((k) => lower.includes(` ${k} `) || (k.includes(' ') && lower.includes(k))).length;
        if (n > 0) topics.push({ id: t.id, score: Math.min(1, 0.5 + 0.25 * n), pillar: t.pillar, touchpoint: t.touchpoint });
      }
      topics.sort((a, b) => b.score - a.score);
      const escalation: EscalationHit[] = [];
      for (const e of lex.escalation) {
        const cue = e.cues.find((c) => lower.includes(` ${c} `) || lower.includes(c));
        if (cue) escalation.push({ id: e.id, cue });
      }
      const cues = lex.complaintCues.filter((c) => lower.includes(` ${c} `));
      const complaintScore = Math.max(0, Math.min(1, (label === 'negative' ? 0.45 : 0.1) + 0.2 * cues.length + (topics.length ? 0.15 : 0) + (escalation.length ? 0.2 : 0) - Math.max(0, score) * 0.5));
      return {
        lang: language,
        sentiment: { label, score: round(score) },
        complaint: { is: complaintScore >= 0.5, score: round(complaintScore) },
        topics,
        escalation,
        explain: { lexicon: hits, complaintCues: cues },
      };
    },
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
