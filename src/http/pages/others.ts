/** Sources, Rules, Overview, Keys and the API docs page. */
import { html } from 'hono/html';
import type { Principal } from '../principal.js';
import type { Overview } from '../overview.js';
import type { ApiKeyInfo } from '../../auth/keys.js';
import { sentimentBars } from '../views/charts.js';
import { can, layout, time } from '../views/layout.js';

export interface SourceRow {
  id: string;
  target: string;
  type: string;
  enabled: boolean;
  status: string;
  everyMs: number;
  lastPollAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  nextPollAt: number | null;
  failures: number;
  postsSeen: number;
  rateLimit: string | null;
  config: string;
}

export function sourcesPage(d: { sources: SourceRow[]; targets: string[]; principal: Principal | null; banner?: string }) {
  const admin = can(d.principal, 'admin');
  const body = html`<h2>Sources</h2>
<div class="table-wrap"><table class="posts"><thead><tr><th scope="col">Source</th><th scope="col">Target</th><th scope="col">Type</th><th scope="col">Health</th><th scope="col">Last poll</th><th scope="col">Next poll</th><th scope="col">Errors</th><th scope="col">Rate limit</th><th scope="col">Posts</th></tr></thead>
<tbody>${d.sources.map((s) => html`<tr id="source-${s.id}">
<td><code>${s.id}</code>${s.enabled ? '' : ' (disabled)'}</td><td>${s.target}</td><td>${s.type}</td>
<td class="health ${s.status}">${s.status}</td>
<td>${s.lastPollAt ? time(s.lastPollAt) : '—'}${s.lastSuccessAt ? html`<br><span class="hint">last success ${time(s.lastSuccessAt)}</span>` : ''}</td><td>${s.nextPollAt ? time(s.nextPollAt) : '—'}</td>
<td class="text">${s.failures ? `${s.failures} failure(s)` : ''}${s.lastError ? html`<br>${s.lastErrorAt ? time(s.lastErrorAt) : ''}: ${s.lastError}` : ''}</td>
<td><code>${s.rateLimit ?? '—'}</code></td><td>${s.postsSeen}</td></tr>
${admin ? html`<tr class="edit"><td colspan="9"><details><summary>Edit ${s.id}</summary>${sourceForm(d.targets, s)}</details></td></tr>` : ''}`)}</tbody></table></div>
${d.sources.length ? '' : html`<p class="empty">No sources yet.</p>`}
${admin ? html`<section aria-labelledby="add-h"><h3 id="add-h">Add a source</h3><p class="hint">Feed URLs that resolve to private or loopback addresses are refused unless the configuration allows private hosts.</p>${sourceForm(d.targets, null)}</section>` : ''}`;
  return layout('Sources', body, { principal: d.principal, nav: 'sources', banner: d.banner });
}

function sourceForm(targets: string[], s: SourceRow | null) {
  const idp = s ? `edit-${s.id}` : 'new-source';
  return html`<form class="source-form" data-api="${s ? `/api/sources/${encodeURIComponent(s.id)}` : '/api/sources'}"${s ? '' : html` data-api-append="id"`} data-method="PUT" data-reload data-done="Source saved." data-json="config">
  ${s ? '' : html`<label for="${idp}-id">Id</label><input id="${idp}-id" name="id" required pattern="[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}">`}
  <label for="${idp}-target">Target</label><select id="${idp}-target" name="target">${targets.map((t) => html`<option${t === s?.target ? ' selected' : ''}>${t}</option>`)}</select>
  <label for="${idp}-type">Type</label><input id="${idp}-type" name="type" value="${s?.type ?? 'rss'}" required size="10">
  <label for="${idp}-every">Every</label><input id="${idp}-every" name="every" value="${s ? `${Math.round(s.everyMs / 1000)}s` : '5m'}" size="6">
  <label for="${idp}-enabled">Enabled</label><input id="${idp}-enabled" type="checkbox" name="enabled"${!s || s.enabled ? ' checked' : ''}>
  <label for="${idp}-config">Settings (JSON, e.g. {"url": "https://…"})</label><textarea id="${idp}-config" name="config" rows="2" cols="40">${s?.config ?? '{}'}</textarea>
  <button type="submit">${s ? 'Save' : 'Add source'}</button>
</form>`;
}

export function rulesPage(d: { files: { path: string; text: string }[]; classifier: string; principal: Principal | null; banner?: string }) {
  const body = html`<h2>Rules</h2>
<p class="meta">Classifier <code>${d.classifier}</code> · ${d.files.length} rule file(s). Edit the files under <code>rules/</code>; validate a change here first.</p>
<section aria-labelledby="test-h"><h3 id="test-h">Test a text</h3>
<form data-api="/api/rules/test" data-result="test-result" data-done="Classified.">
  <label for="test-text">Text</label><textarea id="test-text" name="text" rows="3" cols="70" required></textarea>
  <label for="test-lang">Language (optional)</label><input id="test-lang" name="lang" size="4">
  <button type="submit">Classify</button>
</form>
<pre id="test-result" class="result" aria-live="polite"></pre></section>
<section aria-labelledby="val-h"><h3 id="val-h">Validate a rule file</h3>
<form data-api="/api/rules/validate" data-result="validate-result" data-done="Validated." data-wrap="files">
  <label for="val-path">File (path under rules/)</label><input id="val-path" name="path" list="rule-files" required size="40">
  <datalist id="rule-files">${d.files.map((f) => html`<option value="${f.path}">`)}</datalist>
  <label for="val-text">Contents</label><textarea id="val-text" name="text" rows="8" cols="70" required></textarea>
  <button type="submit">Validate</button>
</form>
<pre id="validate-result" class="result" aria-live="polite"></pre></section>
<section aria-labelledby="files-h"><h3 id="files-h">Rule files</h3>
${d.files.map((f) => html`<details><summary><code>${f.path}</code> (${f.text.length} bytes)</summary><pre class="file">${f.text}</pre></details>`)}
</section>`;
  return layout('Rules', body, { principal: d.principal, nav: 'rules', banner: d.banner });
}

export function overviewPage(d: { o: Overview; principal: Principal | null; banner?: string }) {
  const o = d.o;
  const body = html`<h2>Overview</h2>
<p class="meta">${time(o.from)} – ${time(o.to)}, per ${o.bucketMs >= 86_400_000 ? 'day' : 'hour'}${o.truncated ? ' (sampled: too many posts to count all)' : ''}.
The promoter/detractor index is estimated from sentiment: 100 × (positive − negative) / posts, from −100 to 100.
For these figures over time with their uncertainty, where complaints concentrate and whether our answers work, see <a href="/cx">the CX view</a>.</p>
${o.targets.length ? '' : html`<p class="empty">No classified posts in this period.</p>`}
${o.targets.map((t) => html`<section class="target-overview" aria-labelledby="t-${t.target}"><h3 id="t-${t.target}">${t.target}</h3>
<p class="meta">${t.posts} posts · complaint share <strong>${Math.round(t.complaintShare * 100)}%</strong> · promoter/detractor index <strong>${t.promoterIndex}</strong></p>
${sentimentBars(t.trend, { label: `Sentiment per ${o.bucketMs >= 86_400_000 ? 'day' : 'hour'} for ${t.target}: negative, neutral, positive` })}
</section>`)}
<div class="two">
<section aria-labelledby="p-h"><h3 id="p-h">Pillars with most complaints</h3><table class="posts"><thead><tr><th scope="col">Pillar</th><th scope="col">Complaints</th></tr></thead><tbody>${o.pillars.map((p) => html`<tr><td>${p.id}</td><td>${p.complaints}</td></tr>`)}</tbody></table></section>
<section aria-labelledby="tp-h"><h3 id="tp-h">Touchpoints with most complaints</h3><table class="posts"><thead><tr><th scope="col">Touchpoint</th><th scope="col">Complaints</th></tr></thead><tbody>${o.touchpoints.map((p) => html`<tr><td>${p.id}</td><td>${p.complaints}</td></tr>`)}</tbody></table></section>
</div>`;
  return layout('Overview', body, { principal: d.principal, nav: 'overview', banner: d.banner });
}

export function keysPage(d: { keys: ApiKeyInfo[]; principal: Principal | null }) {
  const body = html`<h2>API keys</h2>
<form data-api="/api/keys" data-result="new-key" data-pick="key" data-done="Key created: copy it now, it is shown once." class="filters">
  <label for="k-role">Role</label><select id="k-role" name="role"><option>viewer</option><option>agent</option><option>admin</option></select>
  <label for="k-name">Name</label><input id="k-name" name="name" size="20">
  <button type="submit">Create key</button>
</form>
<pre id="new-key" class="result" aria-live="polite"></pre>
<div class="table-wrap"><table class="posts"><thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Key</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">State</th><th scope="col"></th></tr></thead>
<tbody>${d.keys.map((k) => html`<tr><td>${k.name}</td><td>${k.role}</td><td><code>${k.prefix}…</code></td><td>${time(k.createdAt)} by ${k.createdBy}</td><td>${k.lastUsedAt ? time(k.lastUsedAt) : '—'}</td><td>${k.revokedAt ? `revoked ${time(k.revokedAt)}` : 'active'}</td>
<td>${k.revokedAt ? '' : html`<form data-api="/api/keys/${k.id}" data-method="DELETE" data-reload data-done="Key revoked."><button type="submit" class="secondary">Revoke</button></form>`}</td></tr>`)}</tbody></table></div>`;
  return layout('Keys', body, { principal: d.principal, nav: 'keys' });
}

type Op = { summary?: string; description?: string; parameters?: { name: string; in: string; description?: string; required?: boolean }[]; requestBody?: unknown; 'x-role'?: string | null };

export function apiDocsPage(doc: { info: { description?: string; version: string }; paths: Record<string, Record<string, Op>> }, principal: Principal | null) {
  const body = html`<h2>API reference</h2>
<p>${doc.info.description ?? ''}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1, version ${doc.info.version}).</p>
<div class="table-wrap"><table class="posts api"><thead><tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Role</th><th scope="col">What it does</th><th scope="col">Parameters</th></tr></thead>
<tbody>${Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => html`<tr><td><code>${method.toUpperCase()}</code></td><td><code>${path}</code></td><td>${op['x-role'] ?? 'public'}</td><td>${op.summary ?? ''}</td>
<td>${(op.parameters ?? []).filter((p) => p.in === 'query').map((p) => html`<code>${p.name}</code>${p.description ? html` — ${p.description}` : ''}<br>`)}${op.requestBody ? 'JSON body' : ''}</td></tr>`),
  )}</tbody></table></div>`;
  return layout('API', body, { principal, nav: 'api' });
}

export function signinPage(d: { error?: string; next: string }) {
  const body = html`<h2>Sign in</h2>
${d.error ? html`<p class="flash bad" role="alert">${d.error}</p>` : ''}
<form method="post" action="/signin" class="signin">
  <input type="hidden" name="next" value="${d.next}">
  <label for="key">API key</label>
  <input id="key" name="key" type="password" autocomplete="off" required size="50" autofocus>
  <button type="submit">Sign in</button>
</form>
<p class="hint">Use a key from <code>backlash keys create --role agent</code>, from an admin, or the one-time link printed on the console at first start.</p>`;
  return layout('Sign in', body, {});
}
