/**
 * The experience committee's members: an employee sits on it once, as chair
 * (at most one), CXO or member. Admins manage it; readers see it whole (the
 * committee is the organisation's, not a unit's).
 */
import type { z } from 'zod';
import type { AddCommitteeMemberSchema, CommitteeMember, CommitteeRole } from '../../../contracts/governance.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { mustExist, requireCommitteeReader } from './governance.access.ts';

interface MemberRow {
  employee_id: string;
  name: string;
  unit_id: string;
  unit_name: string;
  unit_name_en: string | null;
  role: CommitteeRole;
  joined_at: Date;
}

const ROLE_ORDER = `CASE m.role WHEN 'chair' THEN 0 WHEN 'cxo' THEN 1 ELSE 2 END`;

async function selectMembers(tx: Queryable, orgId: string, employeeId: string | null = null): Promise<CommitteeMember[]> {
  const rows = await tx.query<MemberRow>(
    `SELECT m.employee_id, e.name, e.unit_id, u.name AS unit_name, u.name_en AS unit_name_en, m.role, m.joined_at
       FROM committee_members m
       JOIN employees e ON e.org_id = m.org_id AND e.id = m.employee_id
       JOIN units u ON u.org_id = e.org_id AND u.id = e.unit_id
      WHERE m.org_id = $1 AND ($2::uuid IS NULL OR m.employee_id = $2)
      ORDER BY ${ROLE_ORDER}, e.name, m.employee_id`,
    [orgId, employeeId],
  );
  return rows.map((r) => ({
    employeeId: r.employee_id,
    name: r.name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitNameEn: r.unit_name_en,
    role: r.role,
    joinedAt: r.joined_at.toISOString(),
  }));
}

export function listCommitteeMembers(ctx: AppContext, actor: Actor): Promise<{ items: CommitteeMember[] }> {
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await requireCommitteeReader(tx, actor);
    return { items: await selectMembers(tx, actor.orgId) };
  });
}

const chairTaken = () => new AppError(409, 'chair_taken', 'the committee already has a chair: make them a member first');

/** Seats an employee; 409 already_member or chair_taken. */
export function addCommitteeMember(ctx: AppContext, actor: Actor, input: z.infer<typeof AddCommitteeMemberSchema>): Promise<CommitteeMember> {
  authorize(actor, 'committee.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await mustExist(tx, actor.orgId, 'employees', input.employeeId, 'employeeId');
    await assertChairFree(tx, actor.orgId, input.role, input.employeeId);
    const inserted = await tx.query(
      `INSERT INTO committee_members (org_id, employee_id, role, joined_at) VALUES ($1, $2, $3, $4) ON CONFLICT (org_id, employee_id) DO NOTHING RETURNING 1`,
      [actor.orgId, input.employeeId, input.role, ctx.clock.now()],
    );
    if (inserted.length === 0) throw new AppError(409, 'already_member', 'this employee already sits on the committee');
    await recordAudit(tx, ctx.clock, actor, { action: 'committee.member_added', entityType: 'employee', entityId: input.employeeId, after: input });
    return (await selectMembers(tx, actor.orgId, input.employeeId))[0]!;
  });
}

export function updateCommitteeMember(ctx: AppContext, actor: Actor, employeeId: string, role: CommitteeRole): Promise<CommitteeMember> {
  authorize(actor, 'committee.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [before] = await tx.query<{ role: CommitteeRole }>(`SELECT role FROM committee_members WHERE org_id = $1 AND employee_id = $2 FOR UPDATE`, [actor.orgId, employeeId]);
    if (!before) throw notFound('committee member');
    await assertChairFree(tx, actor.orgId, role, employeeId);
    await tx.query(`UPDATE committee_members SET role = $3 WHERE org_id = $1 AND employee_id = $2`, [actor.orgId, employeeId, role]);
    await recordAudit(tx, ctx.clock, actor, { action: 'committee.member_updated', entityType: 'employee', entityId: employeeId, before, after: { role } });
    return (await selectMembers(tx, actor.orgId, employeeId))[0]!;
  });
}

export function removeCommitteeMember(ctx: AppContext, actor: Actor, employeeId: string): Promise<void> {
  authorize(actor, 'committee.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [gone] = await tx.query<{ role: CommitteeRole }>(`DELETE FROM committee_members WHERE org_id = $1 AND employee_id = $2 RETURNING role`, [actor.orgId, employeeId]);
    if (!gone) throw notFound('committee member');
    await recordAudit(tx, ctx.clock, actor, { action: 'committee.member_removed', entityType: 'employee', entityId: employeeId, before: gone });
  });
}

/** The partial unique index would refuse a second chair too; this answers with a clear 409 first. */
async function assertChairFree(tx: Queryable, orgId: string, role: CommitteeRole, employeeId: string): Promise<void> {
  if (role !== 'chair') return;
  const [chair] = await tx.query(`SELECT 1 FROM committee_members WHERE org_id = $1 AND role = 'chair' AND employee_id <> $2`, [orgId, employeeId]);
  if (chair) throw chairTaken();
}
