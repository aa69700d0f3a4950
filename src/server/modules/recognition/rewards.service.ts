/**
 * The reward catalogue (leave day, training course, innovation fund, …) and
 * redemptions: the points are debited when an employee asks (never below
 * zero), and a manager above them approves, or rejects with a refund.
 */
import { z } from 'zod';
import type { CreateRewardSchema, Redemption, Reward, UpdateRewardSchema } from '../../../contracts/recognition.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events/index.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { dataScopeOf } from '../org/index.ts';
import { appendLedgerEntry, lockBalance } from './points.ledger.ts';
import { employeeScopeSql } from './recognition.scope.ts';

interface RewardRow {
  id: string;
  name: string;
  name_en: string;
  description: string;
  description_en: string;
  kind: Reward['kind'];
  cost: number;
  active: boolean;
  learning_item_id: string | null;
}
const toReward = (r: RewardRow): Reward => ({
  id: r.id,
  name: r.name,
  nameEn: r.name_en,
  description: r.description,
  descriptionEn: r.description_en,
  kind: r.kind,
  cost: r.cost,
  active: r.active,
  learningItemId: r.learning_item_id,
});

/** The catalogue, cheapest first; inactive rewards only for admins. */
export async function listRewards(ctx: AppContext, actor: Actor): Promise<{ items: Reward[] }> {
  authorize(actor, 'reward.read');
  const rows = await ctx.db.tenant(actor.orgId, (tx) =>
    tx.query<RewardRow>(`SELECT * FROM rewards WHERE org_id = $1 AND (active OR $2) ORDER BY cost, name`, [actor.orgId, actor.role === 'admin']),
  );
  return { items: rows.map(toReward) };
}

export async function createReward(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateRewardSchema>): Promise<Reward> {
  authorize(actor, 'reward.manage');
  return ctx.db.tenant(actor.orgId, (tx) => insertReward(ctx, tx, actor, input));
}

/** Writes one catalogue entry (also used by the demo seed). */
type RewardInput = Omit<z.infer<typeof CreateRewardSchema>, 'learningItemId'> & { learningItemId?: string | null };
export async function insertReward(ctx: AppContext, tx: Tx, actor: Actor | null, input: RewardInput): Promise<Reward> {
  const now = ctx.clock.now();
  const [row] = await tx.query<RewardRow>(
    `INSERT INTO rewards (org_id, name, name_en, description, description_en, kind, cost, active, learning_item_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING *`,
    [tx.orgId, input.name, input.nameEn, input.description, input.descriptionEn, input.kind, input.cost, input.active, input.learningItemId ?? null, now],
  );
  await recordAudit(tx, ctx.clock, actor, { action: 'reward.create', entityType: 'reward', entityId: row!.id, after: input });
  return toReward(row!);
}

export async function updateReward(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateRewardSchema>): Promise<Reward> {
  authorize(actor, 'reward.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [before] = await tx.query<RewardRow>(`SELECT * FROM rewards WHERE org_id = $1 AND id = $2 FOR UPDATE`, [actor.orgId, id]);
    if (!before) throw notFound('reward');
    const next = { ...toReward(before), ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as Reward;
    const [row] = await tx.query<RewardRow>(
      `UPDATE rewards SET name = $3, name_en = $4, description = $5, description_en = $6, kind = $7, cost = $8, active = $9, learning_item_id = $10, updated_at = $11
        WHERE org_id = $1 AND id = $2 RETURNING *`,
      [actor.orgId, id, next.name, next.nameEn, next.description, next.descriptionEn, next.kind, next.cost, next.active, next.learningItemId, ctx.clock.now()],
    );
    await recordAudit(tx, ctx.clock, actor, { action: 'reward.update', entityType: 'reward', entityId: id, before: toReward(before), after: next });
    return toReward(row!);
  });
}

interface RedemptionRow {
  id: string;
  reward_id: string;
  learning_item_id: string | null;
  reward_name: string;
  reward_name_en: string;
  employee_id: string;
  employee_name: string;
  employee_unit_id: string;
  cost: number;
  status: Redemption['status'];
  note: string | null;
  requested_at: Date;
  decided_at: Date | null;
  decision_note: string | null;
}
const REDEMPTION_SELECT = `SELECT d.*, r.learning_item_id, r.name AS reward_name, r.name_en AS reward_name_en, e.name AS employee_name, e.unit_id AS employee_unit_id
  FROM redemptions d JOIN rewards r ON r.org_id = d.org_id AND r.id = d.reward_id JOIN employees e ON e.org_id = d.org_id AND e.id = d.employee_id`;
const toRedemption = (r: RedemptionRow): Redemption => ({
  id: r.id,
  rewardId: r.reward_id,
  rewardName: r.reward_name,
  rewardNameEn: r.reward_name_en,
  employeeId: r.employee_id,
  employeeName: r.employee_name,
  cost: r.cost,
  status: r.status,
  note: r.note,
  requestedAt: new Date(r.requested_at).toISOString(),
  decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
  decisionNote: r.decision_note,
});

/** Asks for a reward: debits its cost at once (422 insufficient_points when the balance is short). */
export async function requestRedemption(ctx: AppContext, actor: Actor, input: { rewardId: string; note?: string }): Promise<Redemption> {
  authorize(actor, 'reward.redeem');
  const employeeId = actor.employeeId!;
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [reward] = await tx.query<RewardRow>(`SELECT * FROM rewards WHERE org_id = $1 AND id = $2 AND active`, [actor.orgId, input.rewardId]);
    if (!reward) throw notFound('reward');
    const balance = await lockBalance(tx, employeeId);
    if (balance < reward.cost) {
      throw new AppError(422, 'insufficient_points', `this reward costs ${reward.cost} points; your balance is ${balance}`, { cost: reward.cost, balance });
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO redemptions (org_id, reward_id, employee_id, cost, status, note, requested_at) VALUES ($1, $2, $3, $4, 'pending', $5, $6) RETURNING id`,
      [actor.orgId, reward.id, employeeId, reward.cost, input.note ?? null, ctx.clock.now()],
    );
    await appendLedgerEntry(tx, ctx.clock, { employeeId, delta: -reward.cost, reason: reward.name, sourceType: 'redemption', sourceId: row!.id });
    const redemption = toRedemption(await redemptionById(tx, row!.id));
    await publish(tx, 'redemption.requested', { redemptionId: row!.id, employeeId, rewardId: reward.id, cost: reward.cost }, { at: ctx.clock.now() });
    return redemption;
  });
}

async function redemptionById(tx: Tx, id: string, lock = false): Promise<RedemptionRow> {
  const [row] = await tx.query<RedemptionRow>(`${REDEMPTION_SELECT} WHERE d.org_id = $1 AND d.id = $2${lock ? ' FOR UPDATE OF d' : ''}`, [tx.orgId, id]);
  if (!row) throw notFound('redemption');
  return row;
}

/** Redemptions in the caller's scope (own; a manager's subtree; all for admins), newest first. */
export async function listRedemptions(
  ctx: AppContext,
  actor: Actor,
  query: { limit: number; cursor?: string; status?: Redemption['status']; employeeId?: string },
): Promise<Page<Redemption>> {
  authorize(actor, 'reward.read');
  const after = decodeCursor(query.cursor);
  const [afterAt, afterId] = after?.split('|') ?? [];
  if (after !== null && (!afterAt || !afterId || Number.isNaN(Date.parse(afterAt)) || !/^[0-9a-f-]{36}$/.test(afterId))) throw invalid('cursor is not valid');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const params: unknown[] = [actor.orgId];
    const where = ['d.org_id = $1', employeeScopeSql(await dataScopeOf(tx, actor), 'e', params)];
    if (query.status) where.push(`d.status = $${params.push(query.status)}`);
    if (query.employeeId) where.push(`d.employee_id = $${params.push(query.employeeId)}`);
    if (after !== null) where.push(`(d.requested_at, d.id) < ($${params.push(afterAt)}::timestamptz, $${params.push(afterId)}::uuid)`);
    const rows = await tx.query<RedemptionRow>(
      `${REDEMPTION_SELECT} WHERE ${where.join(' AND ')} ORDER BY d.requested_at DESC, d.id DESC LIMIT $${params.push(query.limit + 1)}`,
      params,
    );
    return toPage(rows.map(toRedemption), query.limit, (r) => `${r.requestedAt}|${r.id}`);
  });
}

/** `redemption.decided`: a training place (`learningItemId`) approved enrols the person (the learning module listens). */
export interface RedemptionDecided {
  redemptionId: string;
  employeeId: string;
  status: 'approved' | 'rejected';
  rewardId: string;
  learningItemId: string | null;
}

/**
 * A manager whose subtree holds the employee (or an admin) approves or rejects
 * a pending redemption; nobody decides their own. Rejection refunds the cost.
 */
export async function decideRedemption(ctx: AppContext, actor: Actor, id: string, decision: 'approve' | 'reject', note?: string): Promise<Redemption> {
  authorize(actor, 'redemption.decide');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const row = await redemptionById(tx, id, true);
    const scope = await dataScopeOf(tx, actor);
    const inScope = scope.kind === 'org' || (scope.kind === 'units' && scope.unitIds.includes(row.employee_unit_id));
    if (!inScope) throw notFound('redemption');
    if (row.employee_id === actor.employeeId) throw forbidden('you may not decide your own redemption');
    if (row.status !== 'pending') throw conflict('already_decided', `this redemption was already ${row.status}`);
    const status = decision === 'approve' ? 'approved' : 'rejected';
    await tx.query(
      `UPDATE redemptions SET status = $3, decided_at = $4, decided_by = $5, decided_by_employee_id = $6, decision_note = $7 WHERE org_id = $1 AND id = $2`,
      [actor.orgId, id, status, ctx.clock.now(), actor.id, actor.employeeId, note ?? null],
    );
    if (status === 'rejected') {
      await appendLedgerEntry(tx, ctx.clock, { employeeId: row.employee_id, delta: row.cost, reason: row.reward_name, sourceType: 'redemption_refund', sourceId: id });
    }
    await recordAudit(tx, ctx.clock, actor, { action: `redemption.${decision}`, entityType: 'redemption', entityId: id, before: { status: row.status }, after: { status, note } });
    const decided: RedemptionDecided = { redemptionId: id, employeeId: row.employee_id, status, rewardId: row.reward_id, learningItemId: row.learning_item_id };
    await publish(tx, 'redemption.decided', decided, { at: ctx.clock.now() });
    return toRedemption(await redemptionById(tx, id));
  });
}
