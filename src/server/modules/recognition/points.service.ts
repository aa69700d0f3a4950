/**
 * Points as people see and give them: balances and the ledger within one's
 * data scope, manual awards by managers (with a reason, capped per giver per
 * month) and reversing entries, the only correction the ledger knows.
 */
import { randomUUID } from 'node:crypto';
import type { Balance, LedgerEntry, ManualAward, SourceType } from '../../../contracts/recognition.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { dataScopeOf } from '../org/index.ts';
import { appendLedgerEntry, isEarning } from './points.ledger.ts';
import { rulesOf } from './points-rules.service.ts';
import { employeeInScope, employeeScopeSql, periodStart } from './recognition.scope.ts';

interface LedgerRow {
  id: string;
  employee_id: string;
  employee_name: string;
  delta: number;
  reason: string;
  source_type: SourceType;
  source_id: string;
  awarded_by_name: string | null;
  at: Date;
  is_reversed: boolean;
}

const LEDGER_SELECT = `SELECT l.id::text, l.employee_id, e.name AS employee_name, l.delta, l.reason, l.source_type, l.source_id,
    g.name AS awarded_by_name, l.at,
    EXISTS (SELECT 1 FROM points_ledger r WHERE r.org_id = l.org_id AND r.source_type = 'reversal' AND r.source_id = l.id::text) AS is_reversed
  FROM points_ledger l JOIN employees e ON e.org_id = l.org_id AND e.id = l.employee_id
  LEFT JOIN employees g ON g.org_id = l.org_id AND g.id = l.awarded_by_employee_id`;

const toEntry = (r: LedgerRow): LedgerEntry => ({
  id: r.id,
  employeeId: r.employee_id,
  employeeName: r.employee_name,
  delta: r.delta,
  reason: r.reason,
  sourceType: r.source_type,
  sourceId: r.source_id,
  awardedBy: r.awarded_by_name,
  at: new Date(r.at).toISOString(),
  isReversed: r.is_reversed,
});

/** One employee's balance, if they are in the caller's scope (their own, a manager's team, anyone for admins). */
export async function getBalance(ctx: AppContext, actor: Actor, employeeId: string): Promise<Balance> {
  authorize(actor, 'points.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await employeeInScope(tx, actor, employeeId);
    const [row] = await tx.query<{ balance: number; earned: number }>(
      `SELECT balance, earned FROM points_balances WHERE org_id = $1 AND employee_id = $2`,
      [actor.orgId, employeeId],
    );
    return { employeeId, balance: row?.balance ?? 0, earned: row?.earned ?? 0 };
  });
}

/** Ledger entries in the caller's scope, newest first. */
export async function listLedger(
  ctx: AppContext,
  actor: Actor,
  query: { limit: number; cursor?: string; employeeId?: string; sourceType?: SourceType },
): Promise<Page<LedgerEntry>> {
  authorize(actor, 'points.read');
  const after = decodeCursor(query.cursor);
  if (after !== null && !/^\d{1,18}$/.test(after)) throw invalid('cursor is not valid');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const params: unknown[] = [actor.orgId];
    const where = ['l.org_id = $1', employeeScopeSql(await dataScopeOf(tx, actor), 'e', params)];
    if (query.employeeId) where.push(`l.employee_id = $${params.push(query.employeeId)}`);
    if (query.sourceType) where.push(`l.source_type = $${params.push(query.sourceType)}`);
    if (after !== null) where.push(`l.id < $${params.push(after)}::bigint`);
    const rows = await tx.query<LedgerRow>(`${LEDGER_SELECT} WHERE ${where.join(' AND ')} ORDER BY l.id DESC LIMIT $${params.push(query.limit + 1)}`, params);
    return toPage(rows.map(toEntry), query.limit, (e) => e.id);
  });
}

async function entryById(tx: Tx, id: string): Promise<LedgerEntry> {
  const [row] = await tx.query<LedgerRow>(`${LEDGER_SELECT} WHERE l.org_id = $1 AND l.id = $2::bigint`, [tx.orgId, id]);
  if (!row) throw notFound('ledger entry');
  return toEntry(row);
}

/**
 * A manager's (or admin's) award by hand to someone in their scope, with a reason.
 * What one giver awards in a calendar month (organisation time) is capped by the rules;
 * an `Idempotency-Key` makes a retried request award once.
 */
export async function awardPoints(ctx: AppContext, actor: Actor, input: ManualAward, idempotencyKey?: string): Promise<{ entry: LedgerEntry; isNew: boolean }> {
  authorize(actor, 'points.award');
  if (actor.employeeId !== null && actor.employeeId === input.employeeId) throw forbidden('you may not award points to yourself');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const employee = await employeeInScope(tx, actor, input.employeeId);
    const sourceId = idempotencyKey ? `key:${actor.id}:${idempotencyKey}` : randomUUID();
    if (idempotencyKey) {
      const [done] = await tx.query<{ id: string }>(
        `SELECT id::text FROM points_ledger WHERE org_id = $1 AND source_type = 'manual' AND source_id = $2`,
        [actor.orgId, sourceId],
      );
      if (done) return { entry: await entryById(tx, done.id), isNew: false };
    }
    // One giver's awards are counted and added one at a time.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`points.manual:${actor.orgId}:${actor.id}`]);
    const rules = await rulesOf(tx, actor.orgId);
    const since = (await periodStart(tx, actor.orgId, ctx.clock.now(), 'month'))!;
    const [used] = await tx.query<{ n: number }>(
      `SELECT coalesce(sum(delta), 0)::int AS n FROM points_ledger WHERE org_id = $1 AND source_type = 'manual' AND awarded_by = $2 AND at >= $3`,
      [actor.orgId, actor.id, since],
    );
    if (used!.n + input.points > rules.manualMonthlyCap) {
      throw new AppError(422, 'monthly_cap_exceeded', `this award would pass your monthly cap of ${rules.manualMonthlyCap} points`, {
        cap: rules.manualMonthlyCap,
        used: used!.n,
        requested: input.points,
      });
    }
    const appended = await appendLedgerEntry(tx, ctx.clock, {
      employeeId: employee.id,
      delta: input.points,
      reason: input.reason,
      sourceType: 'manual',
      sourceId,
      awardedBy: actor.id,
      awardedByEmployeeId: actor.employeeId,
    });
    await recordAudit(tx, ctx.clock, actor, { action: 'points.award', entityType: 'points_ledger', entityId: appended!.id, after: input });
    return { entry: await entryById(tx, appended!.id), isNew: true };
  });
}

/** Cancels an entry with an opposite one (admins); the original stays. Redemption debits are undone by rejecting the redemption. */
export async function reverseEntry(ctx: AppContext, actor: Actor, entryId: string, reason: string): Promise<LedgerEntry> {
  authorize(actor, 'points.reverse');
  if (!/^\d{1,18}$/.test(entryId)) throw notFound('ledger entry');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const original = await entryById(tx, entryId);
    if (original.sourceType === 'reversal' || original.sourceType === 'redemption' || original.sourceType === 'redemption_refund') {
      throw conflict('cannot_reverse', `a ${original.sourceType} entry cannot be reversed`);
    }
    const appended = await appendLedgerEntry(tx, ctx.clock, {
      employeeId: original.employeeId,
      delta: -original.delta,
      reason,
      sourceType: 'reversal',
      sourceId: original.id,
      awardedBy: actor.id,
      awardedByEmployeeId: actor.employeeId,
      earned: isEarning(original.sourceType) ? -original.delta : 0,
    });
    if (!appended) throw conflict('already_reversed', 'this entry has already been reversed');
    await recordAudit(tx, ctx.clock, actor, { action: 'points.reverse', entityType: 'points_ledger', entityId: appended.id, before: original, after: { reason } });
    return entryById(tx, appended.id);
  });
}
