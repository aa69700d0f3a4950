/**
 * Turning CSV text cells into the JSON values the API contracts expect, so an
 * imported row is validated by exactly the same schema as an API request. A
 * cell that cannot be converted is passed on as text, and the schema's message
 * names the field.
 */
export type CellKind = 'text' | 'number' | 'boolean' | 'time';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(['true', 't', 'yes', 'y', '1', '是']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0', '否']);
const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** The value of one cell; an empty cell is absent (undefined), so optional fields stay unset. */
export function convertCell(cell: string, kind: CellKind, timeZone: string): unknown {
  const s = cell.trim();
  if (s === '') return undefined;
  switch (kind) {
    case 'text':
      return s;
    case 'number':
      return NUMBER.test(s) ? Number(s) : s;
    case 'boolean': {
      const lower = s.toLowerCase();
      return TRUE.has(lower) ? true : FALSE.has(lower) ? false : s;
    }
    case 'time':
      return toIsoTime(s, timeZone);
  }
}

/**
 * Spreadsheets write times without an offset ("2026-01-05 09:30"): such a time
 * is read in the organisation's time zone; one with `Z` or an offset keeps it.
 * Seconds and the time of day may be left out. Anything else is passed on as
 * written, for the contract to refuse.
 */
export function toIsoTime(s: string, timeZone: string): string {
  const m = TIME.exec(s);
  if (!m) return s;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || check.getUTCHours() !== h || check.getUTCMinutes() !== mi) return s;
  const offset = m[8];
  if (offset) {
    const digits = offset.replace(/[^0-9]/g, '');
    const minutes = offset.toUpperCase() === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    return new Date(wall - minutes * 60_000).toISOString();
  }
  // The zone's offset at that wall time; asked twice so a time next to a daylight-saving change lands right.
  let utc = wall - offsetAt(wall, timeZone);
  utc = wall - offsetAt(utc, timeZone);
  return new Date(utc).toISOString();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds the zone is ahead of UTC at the instant `utc`. */
function offsetAt(utc: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    const parts = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' } as const;
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', ...parts });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(utc)).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(utc / 1000) * 1000;
}
