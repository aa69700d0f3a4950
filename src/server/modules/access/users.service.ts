import type { z } from 'zod';
import type { CreateUserSchema, UserSchema } from '../../../contracts/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { hashPassword } from '../../platform/secrets.ts';

type User = z.infer<typeof UserSchema>;
type CreateUser = z.infer<typeof CreateUserSchema>;

/** Admin only: gives a person a login with a role; managers and employees act as an employee record. */
export function createUser(ctx: AppContext, actor: Actor, input: CreateUser): Promise<User> {
  authorize(actor, 'user.manage');
  return ctx.db.tenant(actor.orgId, (tx) => insertUser(ctx, tx, actor, input));
}

/**
 * Also used by the demo seed, which acts as the system. A partner login must name its partner: unlike a partner key
 * (which an integrator may hold for the organisation's own use), a person signing in as a partner with no partner
 * would meet a page of closed doors.
 */
export async function insertUser(ctx: AppContext, tx: Tx, actor: Actor | null, input: CreateUser): Promise<User> {
  const orgId = tx.orgId!;
  if ((input.role === 'manager' || input.role === 'employee') && !input.employeeId) {
    throw invalid(`a ${input.role} login belongs to an employee: give employeeId`, { field: 'employeeId' });
  }
  if (input.role === 'partner' && !input.partnerId) {
    throw invalid('a partner login acts for one partner: give partnerId', { field: 'partnerId' });
  }
  if (input.partnerId && input.role !== 'partner') {
    throw invalid(`only a partner login acts for a partner: leave partnerId out for role ${input.role}`, { field: 'partnerId' });
  }
  if (input.employeeId) {
    const [e] = await tx.query(`SELECT 1 FROM employees WHERE org_id = $1 AND id = $2`, [orgId, input.employeeId]);
    if (!e) throw notFound('employee');
  }
  if (input.partnerId) {
    const [p] = await tx.query(`SELECT 1 FROM partners WHERE org_id = $1 AND id = $2`, [orgId, input.partnerId]);
    if (!p) throw notFound('partner');
  }
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO users (org_id, email, password_hash, role, employee_id, partner_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [orgId, input.email, await hashPassword(input.password), input.role, input.employeeId ?? null, input.partnerId ?? null, ctx.clock.now()],
  );
  const user: User = { id: row!.id, email: input.email, role: input.role, employeeId: input.employeeId ?? null, partnerId: input.partnerId ?? null, disabled: false };
  await recordAudit(tx, ctx.clock, actor, { action: 'user.created', entityType: 'user', entityId: user.id, after: user });
  return user;
}

export function listUsers(ctx: AppContext, actor: Actor): Promise<User[]> {
  authorize(actor, 'user.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query<{ id: string; email: string; role: User['role']; employee_id: string | null; partner_id: string | null; disabled_at: Date | null }>(
      `SELECT id, email, role, employee_id, partner_id, disabled_at FROM users WHERE org_id = $1 ORDER BY email`,
      [actor.orgId],
    );
    return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, employeeId: r.employee_id, partnerId: r.partner_id, disabled: r.disabled_at !== null }));
  });
}
