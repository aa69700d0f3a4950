/** Tests only: following a list's `nextCursor`, and cursors a `time|id` list must refuse. */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/**
 * Follows `nextCursor` from `url` (which carries its query, `limit` included) to the end; answers every item's id
 * in the order received and how many pages it took.
 */
export async function followPages(get: (url: string) => Promise<LightMyRequestResponse>, url: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await get(cursor ? `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : url);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    pages += 1;
    if (pages > 100) throw new Error(`${url}: paging does not end`);
  } while (cursor);
  return { ids, pages };
}

/** Newest first, ties by id ascending: the order the newer lists answer in. */
export const newestFirst = <T extends { id: string; at: string }>(rows: T[]): string[] =>
  [...rows].sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id)).map((r) => r.id);

const encode = (key: string) => Buffer.from(key, 'utf8').toString('base64url');
const id = '00000000-0000-4000-8000-000000000000';

/** Cursors that are not a list's: each must be 400 `invalid_request`, as on the older lists. */
export const BAD_CURSORS = [
  'bm9wZQ', // "nope"
  encode(`2026-01-01T00:00:00Z|not-an-id`),
  encode(`2026-02-30T00:00:00Z|${id}`), // no such day
  encode(`yesterday|${id}`),
  encode('2026-01-01T00:00:00Z'),
  encode(`2026-01-01T00:00:00Z|${id}|more`),
  encode('a\0b'),
  'x'.repeat(201),
];

/** Asserts every bad cursor, and a limit out of range, is refused with 400 `invalid_request` at `url`. */
export async function expectBadCursorsRefused(get: (url: string) => Promise<LightMyRequestResponse>, url: string): Promise<void> {
  const sep = url.includes('?') ? '&' : '?';
  for (const query of [...BAD_CURSORS.map((c) => `cursor=${encodeURIComponent(c)}`), 'limit=0', 'limit=501']) {
    const res = await get(`${url}${sep}${query}`);
    expect([res.statusCode, res.json().error?.code], `${url}${sep}${query}`).toEqual([400, 'invalid_request']);
  }
}
