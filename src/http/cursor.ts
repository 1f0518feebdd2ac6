/** Opaque cursors for keyset pagination: base64url of [sortValue, id] of the last row of a page. */
import { HttpError } from './errors.js';

export function encodeCursor(sort: number, id: string): string {
  return btoa(JSON.stringify([sort, id])).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string | undefined): { sort: number; id: string } | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string') return { sort: v[0], id: v[1] };
  } catch {
    // fall through
  }
  throw new HttpError(400, 'bad_request', 'cursor: not a cursor this API handed out');
}

/** Given limit+1 rows, the page and the cursor of the next one. */
export function pageOf<T>(rows: T[], limit: number, key: (row: T) => [number, string]): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  const [sort, id] = key(page[page.length - 1]);
  return { rows: page, nextCursor: encodeCursor(sort, id) };
}
