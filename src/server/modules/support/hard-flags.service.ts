/**
 * "This case was hard on me": someone who took part in a case flags it (abusive customer, long escalation,
 * distressing). The flag and its reason are seen by that person alone; the case's timeline does not show
 * it, and managers' case-load view counts flagged cases without saying who flagged them or why.
 */
import type { HardFlag, HardFlagReason } from '../../../contracts/support.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findCaseTakenPartIn } from '../cases/index.ts';
import { actAs, personalEmployee } from './support.personal.ts';

interface Row {
  case_id: string;
  case_title: string;
  reason: HardFlagReason;
  created_at: Date;
}
const toFlag = (r: Row): HardFlag => ({ caseId: r.case_id, caseTitle: r.case_title, reason: r.reason, createdAt: r.created_at.toISOString() });

export function flagHardCase(ctx: AppContext, actor: Actor, input: { caseId: string; reason: HardFlagReason }): Promise<HardFlag> {
  const me = personalEmployee(actor);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await actAs(tx, me);
    const c = await findCaseTakenPartIn(tx, actor.orgId, me, input.caseId);
    const [row] = await tx.query<{ created_at: Date }>(
      `INSERT INTO case_hard_flags (org_id, case_id, employee_id, reason, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_id, case_id, employee_id) DO NOTHING RETURNING created_at`,
      [actor.orgId, c.id, me, input.reason, ctx.clock.now()],
    );
    if (!row) throw new AppError(409, 'already_flagged', 'you flagged this case already; withdraw the flag to change its reason');
    return { caseId: c.id, caseTitle: c.title, reason: input.reason, createdAt: row.created_at.toISOString() };
  });
}

/** The caller's own flags, newest first. */
export function listMyHardFlags(ctx: AppContext, actor: Actor): Promise<{ items: HardFlag[] }> {
  const me = personalEmployee(actor);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await actAs(tx, me);
    const rows = await tx.query<Row>(
      `SELECT f.case_id, c.title AS case_title, f.reason, f.created_at FROM case_hard_flags f JOIN cases c ON c.org_id = f.org_id AND c.id = f.case_id
        WHERE f.org_id = $1 AND f.employee_id = $2 ORDER BY f.created_at DESC LIMIT 200`,
      [actor.orgId, me],
    );
    return { items: rows.map(toFlag) };
  });
}

export function withdrawHardFlag(ctx: AppContext, actor: Actor, caseId: string): Promise<void> {
  const me = personalEmployee(actor);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await actAs(tx, me);
    const deleted = await tx.query(`DELETE FROM case_hard_flags WHERE org_id = $1 AND case_id = $2 AND employee_id = $3 RETURNING case_id`, [actor.orgId, caseId, me]);
    if (deleted.length === 0) throw notFound('hard-case flag');
  });
}
