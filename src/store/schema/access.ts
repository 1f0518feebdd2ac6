/** The access tables (005-access): API keys, dashboard sessions, one-time sign-in links, sign-in throttling, and the team's label corrections. */
export interface ApiKeysTable {
  id: string;
  name: string;
  role: string; // viewer | agent | admin
  hash: string; // SHA-256 hex of the key; the key itself is never stored
  prefix: string; // first characters, to recognise a key in lists
  created_at: number;
  created_by: string;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface SessionsTable {
  id: string; // SHA-256 hex of the cookie value
  key_id: string;
  csrf: string;
  created_at: number;
  expires_at: number;
}

export interface SigninLinksTable {
  id: string; // SHA-256 hex of the one-time token
  key_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface AuthThrottleTable {
  id: string; // client address
  failures: number;
  window_start: number;
  blocked_until: number | null;
}

export interface LabelFeedbackTable {
  id: string;
  post_id: string;
  text: string;
  lang: string | null;
  sentiment: string | null;
  complaint: number | null; // 0/1
  topic: string | null;
  actor: string;
  at: number;
}
