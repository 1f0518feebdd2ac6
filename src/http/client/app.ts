/**
 * The dashboard script on every page (served as /assets/app.js): forms marked data-api are sent to
 * the JSON API with the session's CSRF token. Results are written with textContent only; nothing
 * from the server is ever parsed as HTML.
 */

export {}; // a module: its names stay its own

type Body = Record<string, unknown>;
type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement;

const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
const flash = document.getElementById('flash');
const FLASH_KEY = 'backlash-flash';

function say(msg: string, bad: boolean): void {
  if (!flash) return;
  flash.textContent = msg;
  flash.className = bad ? 'flash bad' : 'flash';
}

/** A message for the next page (storage may be unavailable: then there is none). */
function remember(msg: string): void {
  try {
    sessionStorage.setItem(FLASH_KEY, msg);
  } catch {
    /* ignore */
  }
}

function showRemembered(): void {
  try {
    const saved = sessionStorage.getItem(FLASH_KEY);
    if (saved) {
      sessionStorage.removeItem(FLASH_KEY);
      say(saved, false);
    }
  } catch {
    /* storage may be unavailable */
  }
}

async function call(method: string, url: string, body?: Body): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-CSRF-Token': csrf };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let data: { error?: { code: string; message: string } } | null = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) throw new Error(data?.error ? `${data.error.code}: ${data.error.message}` : `HTTP ${res.status}`);
  return data;
}

function fieldsOf(form: HTMLFormElement): Body {
  const body: Body = {};
  for (const el of Array.from(form.elements) as Field[]) {
    if (!el.name || el.disabled || el.name === '_csrf') continue;
    if (el instanceof HTMLInputElement && el.type === 'checkbox') {
      body[el.name] = el.checked;
      continue;
    }
    if (el.value === '') continue;
    if (el.value === 'null' && el.tagName === 'SELECT') {
      body[el.name] = null;
      continue;
    }
    body[el.name] = el.getAttribute('data-type') === 'boolean' ? el.value === 'true' : el.value;
  }
  return body;
}

/** The form's fields, the posts picked elsewhere on the page (data-picks), a JSON field spread in (data-json), wrapped (data-wrap). */
function bodyOf(form: HTMLFormElement): Body {
  let body = fieldsOf(form);
  const picks = form.getAttribute('data-picks');
  if (picks) {
    const ids = Array.from(document.querySelectorAll<HTMLInputElement>(`#${picks} input[data-pick]:checked`), (b) => b.value);
    if (ids.length) body.postIds = ids;
    else if (form.hasAttribute('data-picks-required')) throw new Error('Select posts first.');
  }
  const json = form.getAttribute('data-json');
  const raw = json ? body[json] : undefined;
  if (json && typeof raw === 'string') {
    const parsed = JSON.parse(raw) as Body;
    delete body[json];
    for (const k of Object.keys(parsed)) if (!(k in body)) body[k] = parsed[k];
  }
  const wrap = form.getAttribute('data-wrap');
  if (wrap) body = { [wrap]: [body] };
  return body;
}

/** The request a data-api form makes, or a message saying why it cannot. */
function requestOf(form: HTMLFormElement): { method: string; url: string; body?: Body } | string {
  const method = (form.getAttribute('data-method') ?? 'POST').toUpperCase();
  let body: Body | undefined;
  try {
    body = method === 'DELETE' ? undefined : bodyOf(form);
  } catch (e) {
    return e instanceof SyntaxError ? 'Settings: not valid JSON' : (e as Error).message;
  }
  let url = form.getAttribute('data-api') ?? '';
  const append = form.getAttribute('data-api-append');
  if (append && body) {
    if (!body[append]) return `${append}: required`;
    url += `/${encodeURIComponent(String(body[append]))}`;
    delete body[append];
  }
  return { method, url, body };
}

/** After success: show the result (data-result), go to the created thing (data-go), refresh or reload. Returns whether the page stays. */
function afterSuccess(form: HTMLFormElement, data: unknown): boolean {
  const done = form.getAttribute('data-done') ?? 'Done.';
  const target = form.getAttribute('data-result');
  const out = target ? document.getElementById(target) : null;
  if (out) {
    const pick = form.getAttribute('data-pick');
    out.textContent = pick && data ? String((data as Body)[pick]) : JSON.stringify(data, null, 2);
  }
  const go = form.getAttribute('data-go');
  if (go && data) {
    const v = go.split('.').reduce<unknown>((o, k) => (o ? (o as Body)[k] : undefined), data);
    if (v) {
      remember(done);
      location.href = (form.getAttribute('data-go-prefix') ?? '') + encodeURIComponent(String(v));
      return false;
    }
  }
  if (form.hasAttribute('data-refresh')) document.dispatchEvent(new CustomEvent('backlash:changed'));
  if (form.hasAttribute('data-reload')) {
    remember(done);
    location.reload();
    return false;
  }
  say(done, false);
  return true;
}

async function submit(form: HTMLFormElement): Promise<void> {
  const req = requestOf(form);
  if (typeof req === 'string') return say(req, true);
  const buttons = Array.from(form.querySelectorAll('button'));
  const enable = (on: boolean) => buttons.forEach((b) => (b.disabled = !on));
  enable(false);
  let data: unknown;
  try {
    data = await call(req.method, req.url, req.body);
  } catch (err) {
    say((err as Error).message, true);
    return enable(true);
  }
  if (afterSuccess(form, data)) enable(true);
}

declare global {
  interface Window {
    backlashApi: typeof call;
  }
}

showRemembered();
window.backlashApi = call;
document.addEventListener('submit', (ev) => {
  const form = ev.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-api')) return;
  ev.preventDefault();
  void submit(form);
});
