/**
 * Masking of the credentials a source's settings carry, for everyone who reads them (the API and
 * the Sources page): every configured header value (Authorization, Cookie, X-Api-Key, apikey… a
 * header is configured because it is needed, and is treated as secret), every key whose name
 * says secret (accessToken, appPassword, clientSecret, secret…), the user and password of a URL
 * and the values of secret-bearing query parameters (`?api_key=`, `&token=`, `&sig=`). Admins see
 * them only when they ask (`?reveal=true`); a masked value sent back unchanged keeps what is
 * stored, so editing other settings never overwrites a secret with "***". Pure.
 */

export const MASK = '***';

/** The words a name is made of: "clientSecret" → client, secret; "X-Api-Key" → x, api, key. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const SECRET_WORDS = new Set(['secret', 'secrets', 'password', 'passwd', 'pwd', 'pass', 'passphrase', 'token', 'tokens', 'auth', 'authorization', 'apikey', 'key', 'keys', 'cookie', 'cookies', 'credential', 'credentials', 'session', 'sessionid', 'sid', 'sig', 'signature', 'jwt', 'bearer', 'private', 'otp', 'code', 'hmac', 'hash']);
/** A name that ends in one of these names a place, not a secret ("tokenUrl"). */
const PLACE_WORDS = new Set(['url', 'uri', 'endpoint', 'host', 'base', 'param', 'format']);

/** Does this key, header or query parameter name say it carries a secret? */
export function isSecretName(name: string): boolean {
  const w = words(name);
  if (w.length === 0 || PLACE_WORDS.has(w[w.length - 1])) return false;
  return w.some((x) => SECRET_WORDS.has(x));
}

/** A URL with its user, password and secret query values masked; other strings as they are. */
export function maskUrl(value: string): string {
  if (!/^https?:\/\//i.test(value)) return value;
  let out = value.replace(/^(https?:\/\/)([^/?#@]*)@/i, (_m, scheme: string) => `${scheme}${MASK}@`);
  out = out.replace(/([?&])([^=&#]+)=([^&#]*)/g, (m, sep: string, name: string, v: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      /* keep as written */
    }
    return isSecretName(decoded) && v !== '' ? `${sep}${name}=${MASK}` : m;
  });
  return out;
}

/** Every http(s) URL inside a text (an error message, say) masked. */
export function maskUrlsInText(text: string): string {
  return text.replace(/https?:\/\/[^\s"'<>]+/gi, (u) => maskUrl(u));
}

/** A source's settings with every secret masked. */
export function maskConfig(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => maskConfig(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        // every configured header value: an API's own header names are too varied to guess (apikey, X-Token, Cookie…)
        if (k === 'headers' && v && typeof v === 'object' && !Array.isArray(v)) return [k, Object.fromEntries(Object.entries(v).map(([h, hv]) => [h, hv === '' ? hv : MASK]))];
        return [k, maskConfig(v, k)];
      }),
    );
  }
  if (typeof value === 'string') return isSecretName(key) && value !== '' ? MASK : maskUrl(value);
  if (typeof value === 'number' && isSecretName(key)) return MASK;
  return value;
}

/**
 * Settings sent back after being read masked: wherever the new value is exactly what the stored one
 * looks like masked, the stored one is kept. A changed value is taken as it is.
 */
export function restoreMasked(incoming: unknown, stored: unknown, key = ''): unknown {
  if (incoming === undefined || stored === undefined || stored === null) return incoming;
  if (typeof incoming === 'string') {
    if (typeof stored === 'string' || typeof stored === 'number') {
      const masked = key === '#header' ? MASK : maskConfig(stored, key);
      if (incoming === masked && incoming !== String(stored)) return stored;
    }
    return incoming;
  }
  if (Array.isArray(incoming)) return Array.isArray(stored) ? incoming.map((v, i) => restoreMasked(v, stored[i], key)) : incoming;
  if (incoming && typeof incoming === 'object' && typeof stored === 'object' && !Array.isArray(stored)) {
    const s = stored as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(incoming).map(([k, v]) => {
        if (k === 'headers' && v && typeof v === 'object' && s.headers && typeof s.headers === 'object') {
          const sh = s.headers as Record<string, unknown>;
          return [k, Object.fromEntries(Object.entries(v).map(([h, hv]) => [h, restoreMasked(hv, sh[h], '#header')]))];
        }
        return [k, restoreMasked(v, s[k], k)];
      }),
    );
  }
  return incoming;
}
