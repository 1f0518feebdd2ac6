/** "Why this post": what the rules, lexicon and model saw, why the desk gave it an item (or not), and the label corrections. */
import { html } from 'hono/html';
import type { WhyPost, Feature } from '../why-post.js';
import type { KnownTopic } from '../topics.js';
import type { Principal } from '../principal.js';
import { layout, safeHref, time } from '../views/layout.js';
import { relabelForm } from './desk-parts.js';

const signed = (x: number) => (x > 0 ? `+${x}` : String(x));

function featureTable(caption: string, rows: Feature[]) {
  if (!rows.length) return '';
  return html`<table class="posts stack"><caption class="hint">${caption}</caption><thead><tr><th scope="col">Feature</th><th scope="col">What it is</th><th scope="col">Weight</th></tr></thead>
<tbody>${rows.map((f) => html`<tr><td data-label="Feature"><code>${f.feature}</code></td><td data-label="What it is">${f.reads}</td><td data-label="Weight">${signed(f.weight)}</td></tr>`)}</tbody></table>`;
}

export function postPage(d: { why: WhyPost; labels: { sentiment: string | null; complaint: boolean | null; topic: string | null; actor: string; at: string }[]; topics: KnownTopic[] | null; principal: Principal | null; banner?: string }) {
  const w = d.why;
  const p = w.post;
  const href = safeHref(p.url);
  const c = p.classification;
  const body = html`<h2>Why this post</h2>
<article class="card" id="the-post"><p class="meta"><strong>${p.author.handle ?? p.author.name ?? p.author.id}</strong>${p.author.followers ? ` · ${p.author.followers.toLocaleString('en')} followers` : ''} · ${p.source} · ${p.target} · ${time(p.publishedAt)} · language ${c?.lang ?? p.lang ?? '?'}${href ? html` · <a href="${href}" rel="noopener noreferrer nofollow">original</a>` : ''}</p>
<blockquote class="text">${p.text}</blockquote></article>
<section aria-labelledby="sum-h"><h3 id="sum-h">In short</h3><ul id="why-summary">${w.summary.map((s) => html`<li>${s}</li>`)}</ul></section>
<section aria-labelledby="desk-h"><h3 id="desk-h">The desk</h3><ul id="why-routing">${w.routing.sentences.map((s) => html`<li>${s}</li>`)}</ul>
${w.routing.item && w.routing.ownItem ? html`<p><a href="/cases/${w.routing.item.id}">Its item: ${w.routing.item.title}</a> (${w.routing.item.status})</p>` : ''}
${w.routing.case ? html`<p><a href="/cases/${w.routing.case.id}">The case: ${w.routing.case.title}</a> (${w.routing.case.status})</p>` : ''}</section>
${w.sentiment
  ? html`<section aria-labelledby="sent-h"><h3 id="sent-h">Sentiment: ${w.sentiment.label} (${w.sentiment.score.toFixed(2)})</h3>
<p class="meta">${w.sentiment.how ? `Decided by ${w.sentiment.how}. ` : ''}${w.sentiment.probabilities ? `Model: ${Object.entries(w.sentiment.probabilities).map(([k, v]) => `${k} ${Math.round(v * 100)} %`).join(', ')}.` : ''}</p>
${w.sentiment.lexicon.length ? html`<table class="posts stack" id="lexicon"><caption class="hint">Lexicon entries (rules/sentiment/): the weight after negation, intensifiers and the like</caption><thead><tr><th scope="col">Words</th><th scope="col">Lexicon weight</th><th scope="col">Counted as</th></tr></thead><tbody>${w.sentiment.lexicon.map((h) => html`<tr><td data-label="Words">“${h.text}”</td><td data-label="Lexicon weight">${signed(h.base)}</td><td data-label="Counted as">${signed(h.weight)}</td></tr>`)}</tbody></table>` : html`<p class="hint">No lexicon entry matched.</p>`}
${featureTable('Model features that pushed hardest toward this sentiment (naive Bayes)', w.sentiment.features)}
</section>`
  : ''}
${w.complaint
  ? html`<section aria-labelledby="comp-h"><h3 id="comp-h">Complaint: ${w.complaint.is ? 'yes' : 'no'} (${w.complaint.score.toFixed(2)}${w.complaint.threshold !== null ? `, threshold ${w.complaint.threshold}` : ''})</h3>
${w.complaint.how ? html`<p class="meta">Decided by ${w.complaint.how}.</p>` : ''}
${w.complaint.cues.length ? html`<table class="posts stack" id="complaint-cues"><caption class="hint">Complaint cues (rules/complaint/)</caption><thead><tr><th scope="col">Cue</th><th scope="col">Matched</th><th scope="col">Weight</th></tr></thead><tbody>${w.complaint.cues.map((x) => html`<tr><td data-label="Cue">${x.id}</td><td data-label="Matched">“${x.phrase}”</td><td data-label="Weight">${signed(x.weight)}</td></tr>`)}</tbody></table>` : html`<p class="hint">No complaint cue matched.</p>`}
</section>`
  : ''}
<section aria-labelledby="top-h"><h3 id="top-h">Topics</h3>
${w.topics.length ? html`<ul>${w.topics.map((t) => html`<li><strong>${t.label ?? t.id}</strong> (<code>${t.id}</code>, ${t.pillar ?? '—'} / ${t.touchpoint ?? '—'}, score ${t.score})${t.cues.length ? html`: cues ${t.cues.map((x) => html`“${x}” `)}(rules/topics.yaml)` : ''}</li>`)}</ul>` : html`<p class="hint">No topic.</p>`}
${w.topicModel ? featureTable(`Model: most likely topic ${w.topicModel.best} (${Math.round(w.topicModel.probability * 100)} %), from these features`, w.topicModel.features) : ''}
</section>
${w.escalation.length ? html`<section aria-labelledby="esc-h"><h3 id="esc-h">Escalation cues (rules/escalation.yaml)</h3><ul>${w.escalation.map((e) => html`<li>${e.id}${e.cue ? html`: “${e.cue}”` : ''}</li>`)}</ul></section>` : ''}
<section aria-labelledby="fix-h"><h3 id="fix-h">Correct the labels</h3>
<p class="hint">Corrections are kept for training (<code>backlash train --with-feedback</code>); the stored verdict stays as the model made it.</p>
${relabelForm(p.id, d.principal, { sentiment: c?.sentiment.label, complaint: c?.complaint.is, topics: c?.topics.map((t) => t.id) }, d.topics)}
${d.labels.length ? html`<ul id="labels">${d.labels.map((l) => html`<li>${l.actor} ${time(l.at)}: ${[l.sentiment && `sentiment ${l.sentiment}`, l.complaint !== null && `complaint ${l.complaint ? 'yes' : 'no'}`, l.topic && `topic ${l.topic}`].filter(Boolean).join(', ')}</li>`)}</ul>` : ''}
</section>`;
  return layout('Why this post', body, { principal: d.principal, nav: 'board', banner: d.banner });
}
