/** The month a review covers, as local dates for the metrics API and as instants in the organisation's time zone. */
import type { Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';

export interface ReviewMonth {
  /** `YYYY-MM`. */
  month: string;
  /** First day of the month and of the next one (`YYYY-MM-DD`, local): what `GET /metrics/:metric?from&to` takes. */
  from: string;
  to: string;
  /** First day of the trend window: the five months before this one. */
  trendFrom: string;
  fromAt: Date;
  toAt: Date;
  timeZone: string;
  /** The month is still running: its figures are month to date. */
  isPartial: boolean;
}

/** `YYYY-MM` shifted by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month before the one `now` falls in, in the time zone. */
export function previousMonthIn(timeZone: string, now: Date): string {
  const local = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(now); // YYYY-MM
  return shiftMonth(local, -1);
}

/** Resolves a month for an organisation; 400 month_not_started for a month that has not begun. */
export async function resolveMonth(tx: Queryable, orgId: string, month: string, now: Date): Promise<ReviewMonth> {
  const from = `${month}-01`;
  const to = `${shiftMonth(month, 1)}-01`;
  const [row] = await tx.query<{ time_zone: string; from_at: Date; to_at: Date }>(
    `SELECT time_zone, $2::date::timestamp AT TIME ZONE time_zone AS from_at, $3::date::timestamp AT TIME ZONE time_zone AS to_at
       FROM organisations WHERE id = $1`,
    [orgId, from, to],
  );
  const fromAt = new Date(row!.from_at);
  const toAt = new Date(row!.to_at);
  if (fromAt.getTime() > now.getTime()) {
    throw new AppError(400, 'month_not_started', `${month} has not begun yet: a review covers a past month or the current one`, { field: 'month' });
  }
  return { month, from, to, trendFrom: `${shiftMonth(month, -5)}-01`, fromAt, toAt, timeZone: row!.time_zone, isPartial: toAt.getTime() > now.getTime() };
}
