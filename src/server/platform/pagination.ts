import { invalid } from './errors.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Opaque keyset cursor: the last row's sort key, base64url-encoded. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key || key.includes('\0')) throw invalid('cursor is not valid', { cursor });
  return key;
}

/** Given limit + 1 rows, returns the page and the cursor of its last row when more remain. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/**
 * SQL for a timestamptz as exact UTC text (microseconds) to key a `time|id` cursor on. A JS Date keeps only
 * milliseconds, so a cursor built from one would skip rows whose times differ below the millisecond.
 */
export const cursorTimeSql = (expr: string): string => `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads a `time|id` cursor (400 invalid_request unless both halves are well formed, the date a real one). */
export function decodeTimeIdCursor(cursor: string | undefined): { at: string; id: string } | null {
  const key = decodeCursor(cursor);
  if (key === null) return null;
  const [at = '', id = '', ...rest] = key.split('|');
  const time = CURSOR_TIME.test(at) ? Date.parse(at) : NaN;
  // Date.parse rolls 30 February over into March; PostgreSQL would refuse it, so compare the round trip.
  const real = !Number.isNaN(time) && new Date(time).toISOString().slice(0, 19) === at.slice(0, 19);
  if (!real || !CURSOR_ID.test(id) || rest.length > 0) throw invalid('cursor is not valid', { cursor });
  return { at, id };
}

/**
 * The rows after a `time|id` cursor in a list ordered by `time DESC, id ASC` (the newer lists' order, kept as
 * it was before they paged): an earlier time, or the same time and a greater id. Pushes its two parameters.
 */
export function afterCursor(timeSql: string, idSql: string, after: { at: string; id: string }, params: unknown[]): string {
  const at = `$${params.push(after.at)}::timestamptz`;
  const id = `$${params.push(after.id)}::uuid`;
  return `(${timeSql} < ${at} OR (${timeSql} = ${at} AND ${idSql} > ${id}))`;
}
