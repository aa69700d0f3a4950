import type { Queryable } from '../../platform/db/database.ts';

/** Today (YYYY-MM-DD) in the organisation's time zone: due days and completion days are the organisation's calendar days. */
export async function orgToday(tx: Queryable, orgId: string, now: Date): Promise<string> {
  const [row] = await tx.query<{ today: string }>(`SELECT ($2::timestamptz AT TIME ZONE time_zone)::date::text AS today FROM organisations WHERE id = $1`, [orgId, now]);
  return row!.today;
}
