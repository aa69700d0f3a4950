import type { NpsBand } from '../../../contracts/responses.ts';

/** The list's filters as the page holds them; dates are calendar days in the browser's time zone, `to` inclusive. */
export interface ResponseFilters {
  surveyId?: string;
  unitId?: string;
  employeeId?: string;
  from?: string;
  to?: string;
  touchpoint?: string;
  channel?: string;
  npsBand?: NpsBand;
  /** Partial responses (saved page by page, not finished) instead of completed ones. */
  status?: 'partial';
}

/** Filter field ↔ URL parameter, in the order they appear in a shared link. */
const PARAMS: [keyof ResponseFilters, string][] = [
  ['surveyId', 'survey'],
  ['unitId', 'unit'],
  ['employeeId', 'employee'],
  ['from', 'from'],
  ['to', 'to'],
  ['touchpoint', 'touchpoint'],
  ['channel', 'channel'],
  ['npsBand', 'band'],
  ['status', 'status'],
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const BANDS: readonly string[] = ['detractor', 'passive', 'promoter'] satisfies NpsBand[];

const isRealDay = (s: string) => DAY.test(s) && !Number.isNaN(localDay(s).getTime()) && formatDay(localDay(s)) === s;
const isValid: Record<keyof ResponseFilters, (s: string) => boolean> = {
  surveyId: (s) => UUID.test(s),
  unitId: (s) => UUID.test(s),
  employeeId: (s) => UUID.test(s),
  from: isRealDay,
  to: isRealDay,
  touchpoint: (s) => s.length > 0 && s.length <= 100,
  channel: (s) => s.length > 0 && s.length <= 60,
  npsBand: (s) => BANDS.includes(s),
  status: (s) => s === 'partial',
};

/**
 * Reads the filters from the address, so a shared link reproduces the view. A value the
 * API would refuse (a mangled id or date) is dropped rather than turned into an error page.
 */
export function filtersFromSearch(params: URLSearchParams): ResponseFilters {
  const filters: ResponseFilters = {};
  for (const [field, param] of PARAMS) {
    const value = params.get(param)?.trim();
    if (value && isValid[field](value)) (filters as Record<string, string>)[field] = value;
  }
  if (filters.from && filters.to && filters.from > filters.to) [filters.from, filters.to] = [filters.to, filters.from];
  return filters;
}

/** Writes the filters to URL parameters (empty ones left out), in a stable order. */
export function filtersToSearch(filters: ResponseFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [field, param] of PARAMS) {
    const value = filters[field];
    if (value) params.set(param, value);
  }
  return params;
}

/** True when no filter is set. */
export const hasFilters = (filters: ResponseFilters) => PARAMS.some(([field]) => Boolean(filters[field]));

export interface ApiListQuery {
  surveyId?: string;
  unitId?: string;
  employeeId?: string;
  from?: string;
  to?: string;
  touchpoint?: string;
  channel?: string;
  npsBand?: NpsBand;
  status?: 'partial';
}

/**
 * The `GET /responses` query for the filters: days become instants in the browser's time zone,
 * `from` at the day's start and `to` at the start of the day after (the API's `to` is exclusive).
 */
export function filtersToApiQuery(filters: ResponseFilters): ApiListQuery {
  const { from, to, ...rest } = filters;
  const query: ApiListQuery = { ...rest };
  if (from) query.from = localDay(from).toISOString();
  if (to) {
    const end = localDay(to);
    end.setDate(end.getDate() + 1);
    query.to = end.toISOString();
  }
  return query;
}

/** Midnight of a `YYYY-MM-DD` day in the browser's time zone. */
export function localDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!);
}

/** A date as `YYYY-MM-DD` in the browser's time zone. */
export function formatDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
