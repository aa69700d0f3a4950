/**
 * The annual team award: every unit that met all its experience targets of
 * the metric tree over a calendar year (see dashboards' unitTargetsForYear).
 * Granted by the monthly job in January for the year just ended, or by an
 * admin for any finished year; one award per unit and year (a unique index).
 */
import type { Award } from '../../../contracts/recognition.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict } from '../../platform/errors.ts';
import { publish } from '../../platform/events/index.ts';
import { unitTargetsForYear } from '../dashboards/index.ts';
import { listAwards } from './rituals.service.ts';

/** The organisation's current local year and month. */
async function localToday(ctx: AppContext, orgId: string): Promise<{ year: number; month: number }> {
  const [row] = await ctx.db.tenant(orgId, (tx) =>
    tx.query<{ year: number; month: number }>(
      `SELECT extract(year FROM $2::timestamptz AT TIME ZONE time_zone)::int AS year, extract(month FROM $2::timestamptz AT TIME ZONE time_zone)::int AS month
         FROM organisations WHERE id = $1`,
      [orgId, ctx.clock.now()],
    ),
  );
  return row!;
}

/** Grants `year`'s team awards to the units that met their targets and have none yet; returns how many were granted. */
export async function grantTeamAwards(ctx: AppContext, orgId: string, actor: Actor | null, year: number): Promise<number> {
  const winners = (await unitTargetsForYear(ctx, orgId, year)).filter((u) => u.met);
  if (winners.length === 0) return 0;
  return ctx.db.tenant(orgId, async (tx) => {
    let granted = 0;
    for (const unit of winners) {
      const reason = { rule: 'targets_met', kpis: unit.kpis };
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO awards (org_id, kind, period, unit_id, reason, created_at) VALUES ($1, 'team', $2, $3, $4::jsonb, $5)
         ON CONFLICT (org_id, period, unit_id) WHERE kind = 'team' DO NOTHING RETURNING id`,
        [orgId, String(year), unit.unitId, JSON.stringify(reason), ctx.clock.now()],
      );
      if (!row) continue;
      granted += 1;
      await recordAudit(tx, ctx.clock, actor, { action: 'award.team', entityType: 'award', entityId: row.id, after: { period: String(year), unitId: unit.unitId, reason } });
      await publish(tx, 'award.granted', { awardId: row.id, kind: 'team', period: String(year), unitId: unit.unitId, unitName: unit.unitName }, { at: ctx.clock.now() });
    }
    return granted;
  });
}

/** An admin grants a finished year's team awards now (default: last year); 409 period_not_over, 409 already_awarded. */
export async function runTeamAwards(ctx: AppContext, actor: Actor, year?: number): Promise<{ items: Award[]; granted: number }> {
  authorize(actor, 'award.manage');
  const today = await localToday(ctx, actor.orgId);
  const target = year ?? today.year - 1;
  if (target >= today.year) throw conflict('period_not_over', `${target} is not over yet`);
  const [exists] = await ctx.db.tenant(actor.orgId, (tx) => tx.query(`SELECT 1 FROM awards WHERE org_id = $1 AND kind = 'team' AND period = $2 LIMIT 1`, [actor.orgId, String(target)]));
  if (exists) throw conflict('already_awarded', `the team awards of ${target} have been granted`);
  const granted = await grantTeamAwards(ctx, actor.orgId, actor, target);
  return { ...(await listAwards(ctx, actor)), granted };
}

/** The job's part: in January, last year's team awards for an organisation that has none for it yet. */
export async function grantDueTeamAwards(ctx: AppContext, orgId: string): Promise<number> {
  const today = await localToday(ctx, orgId);
  if (today.month !== 1) return 0;
  const year = today.year - 1;
  const [exists] = await ctx.db.tenant(orgId, (tx) => tx.query(`SELECT 1 FROM awards WHERE org_id = $1 AND kind = 'team' AND period = $2 LIMIT 1`, [orgId, String(year)]));
  return exists ? 0 : grantTeamAwards(ctx, orgId, null, year);
}
